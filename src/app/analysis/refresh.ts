import { SCOPE_DIMENSIONS, type Scope } from '../../analyze/anomaly.ts';
import { addDays, dayStart, daysBetween, localDay } from '../../analyze/calendar.ts';
import { median } from '../../analyze/stats.ts';
import { DAY_MS } from '../../lib/time.ts';
import type { StoredAnomaly } from '../../store/types.ts';
import type { AppContext } from '../context.ts';
import { type Candidate, dailyCandidates, intradayCandidate } from './candidates.ts';
import { driversFor } from './drivers.ts';
import { anomalyId, isHistorical, toStored } from './finish.ts';
import { HOURLY_DAYS, LOOKBACK_DAYS, type RefreshPlan, refreshPlan, withOrgFloor } from './plan.ts';
import { firstSpend, hourlyDays, readDaily, readHourly } from './series.ts';

export interface RefreshResult {
  /** Anomalies found in the days examined, and how many of them were new or changed. */
  found: number;
  written: number;
}

interface ScopeSeries {
  scope: Scope;
  /** Micro-units per day from `plan.fetchFrom` through today (today partial). */
  micros: number[];
}

const running = new WeakMap<AppContext, Map<string, Promise<RefreshResult>>>();

/**
 * Re-examines the last weeks of every scope series (the org, each team, project, user, model and
 * provider) for daily anomalies and today for intraday spikes, and stores what it finds. With `since`
 * (a requested range's start, or the first instant a backfill or import brought) it examines every day
 * from there too. Anomalies first found long after their period ended are stored `historical`, so they
 * are listed but not alerted. Reads the hourly rollup through `querySpend`; concurrent calls for one org
 * and start share one run.
 */
export function refreshAnomalies(
  ctx: AppContext,
  org: string,
  range: { since?: Date } = {},
): Promise<RefreshResult> {
  const runs = running.get(ctx) ?? new Map<string, Promise<RefreshResult>>();
  running.set(ctx, runs);
  const key = `${org}|${range.since ? localDay(range.since, ctx.config.timezone) : ''}`;
  const existing = runs.get(key);
  if (existing) return existing;
  const run = refresh(ctx, org, range.since).finally(() => runs.delete(key));
  runs.set(key, run);
  return run;
}

/**
 * The range to refresh after writing records from `earliest` on: history older than the usual look-back
 * (a backfill, an import of old data) is examined from its first day; anything newer needs no range.
 */
export function sinceFor(ctx: AppContext, earliest: Date | undefined): { since?: Date } {
  if (!earliest) return {};
  const recent = ctx.now().getTime() - LOOKBACK_DAYS * DAY_MS;
  return earliest.getTime() < recent ? { since: earliest } : {};
}

const lastRun = new WeakMap<AppContext, Map<string, number>>();

/**
 * Refreshes unless this org was refreshed less than `maxAgeMs` ago by `ctx.now()`: for views that show
 * anomalies beside other figures (the summary) and should not pay for a refresh on every call.
 */
export async function refreshIfStale(ctx: AppContext, org: string, maxAgeMs: number): Promise<void> {
  // why: a run that has started counts as fresh, so a view asked at the same time as another (the
  // dashboard loads anomalies and incidents together) waits for it instead of reading what it has not stored yet.
  const inFlight = [...(running.get(ctx) ?? new Map<string, Promise<RefreshResult>>())]
    .filter(([key]) => key.startsWith(`${org}|`))
    .map(([, run]) => run);
  await Promise.allSettled(inFlight);
  const at = lastRun.get(ctx)?.get(org);
  if (at !== undefined && ctx.now().getTime() - at < maxAgeMs) return;
  await refreshAnomalies(ctx, org);
}

/** Days the first refresh of an org with spend examines, so a ledger imported before anyone looked is examined once. */
export const FIRST_HISTORY_DAYS = 400;
/** The job-run name that records when an org's history was first examined. */
const HISTORY_JOB = 'anomalies.history';

async function refresh(ctx: AppContext, org: string, asked: Date | undefined): Promise<RefreshResult> {
  const runs = lastRun.get(ctx) ?? new Map<string, number>();
  lastRun.set(ctx, runs);
  runs.set(org, ctx.now().getTime());
  const examined = asked ? null : await ctx.store.getJobRun(org, HISTORY_JOB);
  const firstRun = !asked && !examined;
  const wanted = firstRun ? new Date(ctx.now().getTime() - FIRST_HISTORY_DAYS * DAY_MS) : asked;
  const base = refreshPlan(ctx, org, undefined, await examinedFrom(ctx, org, wanted));
  const { currency, series } = await readScopes(ctx, base);
  const todayIndex = daysBetween(base.fetchFrom, base.today);
  const orgMicros = series[0]?.micros.slice(Math.max(0, todayIndex - 28), todayIndex) ?? [];
  const orgDaily = orgMicros.length ? median(orgMicros) / 1e6 : 0;
  const plan = { ...base, options: withOrgFloor(base.options, orgDaily) };
  // why: a reduce, not Math.max(...micros): a spread of a long history overflows the stack.
  const worth = series.filter(
    (s) => s.micros.reduce((a, b) => Math.max(a, b), 0) / 1e6 >= plan.options.minDelta,
  );
  const candidates = worth.flatMap((s) => dailyCandidates(s.scope, s.micros.slice(0, todayIndex), plan));
  candidates.push(...(await intradayCandidates(ctx, plan, worth)));
  const stored = await ctx.store.listAnomalies({
    org,
    from: dayStart(plan.fetchFrom, plan.tz),
    limit: 10_000,
  });
  const written = await persist(ctx, plan, candidates, stored, { currency, orgDaily });
  // why: recorded once the ledger has spend, so a server that starts empty examines the first import whole.
  if (firstRun && series[0]?.micros.some((m) => m > 0)) await ctx.store.putJobRun(org, HISTORY_JOB, plan.now);
  return { found: candidates.length, written };
}

/** Where to start examining: the wanted start, but not before the month the org's spend begins (none: the last weeks). */
async function examinedFrom(ctx: AppContext, org: string, wanted: Date | undefined) {
  const recent = ctx.now().getTime() - LOOKBACK_DAYS * DAY_MS;
  if (!wanted || wanted.getTime() >= recent) return wanted;
  const first = await firstSpend(ctx, org, wanted, ctx.now());
  if (!first) return undefined;
  return first > wanted ? first : wanted;
}

async function readScopes(ctx: AppContext, plan: RefreshPlan) {
  const q = { org: plan.org, tz: plan.tz };
  const reads = await Promise.all([
    readDaily(ctx, q, plan.fetchFrom, plan.now),
    ...SCOPE_DIMENSIONS.map((dimension) => readDaily(ctx, { ...q, dimension }, plan.fetchFrom, plan.now)),
  ]);
  const series: ScopeSeries[] = [];
  reads.forEach((read, i) => {
    const dimension = i === 0 ? 'org' : SCOPE_DIMENSIONS[i - 1]!;
    for (const [value, micros] of read.series)
      series.push({ scope: { dimension, value: i === 0 ? null : value }, micros });
  });
  return { currency: reads[0]!.currency, series };
}

/** Intraday checks for the scopes that have spent at least the money floor today: one hourly read per dimension. */
async function intradayCandidates(
  ctx: AppContext,
  plan: RefreshPlan,
  series: ScopeSeries[],
): Promise<Candidate[]> {
  const todayIndex = daysBetween(plan.fetchFrom, plan.today);
  const active = series.filter((s) => (s.micros[todayIndex] ?? 0) / 1e6 >= plan.options.minDelta);
  const from = addDays(plan.today, -HOURLY_DAYS);
  const dimensions = [...new Set(active.map((s) => s.scope.dimension))];
  const hourly = await Promise.all(
    dimensions.map(async (d) => {
      const read = await readHourly(
        ctx,
        { org: plan.org, tz: plan.tz, ...(d === 'org' ? {} : { dimension: d }) },
        from,
        plan.now,
      );
      return [d, read] as const;
    }),
  );
  const byDimension = new Map(hourly);
  return active.flatMap((s) => {
    const days = hourlyDays(
      byDimension.get(s.scope.dimension)?.get(s.scope.value),
      from,
      addDays(plan.today, 1),
    );
    const found = intradayCandidate(s.scope, s.micros.slice(0, todayIndex), days, plan);
    return found ? [found] : [];
  });
}

/** Stores new and changed anomalies, with drivers; unchanged ones are left as they are. */
async function persist(
  ctx: AppContext,
  plan: RefreshPlan,
  candidates: Candidate[],
  stored: StoredAnomaly[],
  money: { currency: string; orgDaily: number },
): Promise<number> {
  const byId = new Map(stored.map((a) => [a.id, a]));
  const mutes = mutedScopes(stored, plan.now);
  const fresh = candidates.map((c) =>
    toStored(c, [], { plan, ...money, mutedUntil: null, historical: false }),
  );
  const changed = candidates.filter((_, i) => {
    const old = byId.get(fresh[i]!.id);
    return (
      !old ||
      old.actualMicros !== fresh[i]!.actualMicros ||
      old.periodEnd.getTime() !== fresh[i]!.periodEnd.getTime()
    );
  });
  const rows = [];
  for (const c of changed) {
    const mutedUntil = mutes.get(`${c.scope.dimension}|${c.scope.value}`) ?? null;
    const old = byId.get(anomalyId(plan.org, c.kind, c.scope, c.periodStart));
    // why: decided once, at first sighting: a recent anomaly that grows stays news, an old one stays old.
    const historical = old ? old.historical : isHistorical(c.periodEnd, plan.now);
    const drivers = await driversFor(ctx, c, plan);
    rows.push(toStored(c, drivers, { plan, ...money, mutedUntil, historical }));
  }
  await ctx.store.upsertAnomalies(rows);
  return rows.length;
}

/** Scopes muted until a time still to come, by `dimension|value`. */
function mutedScopes(stored: StoredAnomaly[], now: Date): Map<string, Date> {
  const mutes = new Map<string, Date>();
  for (const a of stored) {
    if (a.status !== 'muted' || !a.mutedUntil || a.mutedUntil <= now) continue;
    const key = `${a.scopeDimension}|${a.scopeValue}`;
    const prev = mutes.get(key);
    if (!prev || prev < a.mutedUntil) mutes.set(key, a.mutedUntil);
  }
  return mutes;
}
