import { SCOPE_DIMENSIONS } from '../../analyze/anomaly.ts';
import { addDays, type Day, dayStart, daysBetween, localDay } from '../../analyze/calendar.ts';
import { median } from '../../analyze/stats.ts';
import { DAY_MS } from '../../lib/time.ts';
import type { StoredAnomaly } from '../../store/types.ts';
import type { AppContext } from '../context.ts';
import { type Candidate, dailyCandidates } from './candidates.ts';
import { driversFor } from './drivers.ts';
import { type Examination, examination } from './examination.ts';
import { anomalyId, isHistorical, toStored } from './finish.ts';
import { intradayCandidates, type ScopeSeries } from './intraday.ts';
import { LOOKBACK_DAYS, type RefreshPlan, refreshPlan, withOrgFloor } from './plan.ts';
import { firstSpend, readDaily } from './series.ts';

export interface RefreshResult {
  /** Anomalies found in what was examined, and how many of them were new or changed. */
  found: number;
  written: number;
  /** What the run examined: complete days (daily anomalies), and whether today (intraday); null: nothing. */
  examined: { days: { from: Day; to: Day } | null; intraday: boolean } | null;
}

/**
 * Examines every scope series (the org, each team, project, user, model and provider) for what changed
 * since the last run, as the org's detection mark in the store says: complete days from the earliest
 * record written since (any write path moves it back) or that ended since, for daily anomalies, and
 * today for intraday spikes when records came in. With `since` (a requested range's start) days older
 * than anything examined before are examined too. Anomalies first found long after their period ended
 * are stored `historical`, so they are listed but not alerted. Concurrent calls for one org and start
 * share one run.
 */
export function refreshAnomalies(
  ctx: AppContext,
  org: string,
  range: { since?: Date } = {},
): Promise<RefreshResult> {
  const runs = ctx.state.refreshing;
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

/**
 * Refreshes unless this org was refreshed less than `maxAgeMs` ago by `ctx.now()`: for views that show
 * anomalies beside other figures (the summary) and should not pay for a refresh on every call.
 */
export async function refreshIfStale(ctx: AppContext, org: string, maxAgeMs: number): Promise<void> {
  // why: a run that has started counts as fresh, so a view asked at the same time as another (the
  // dashboard loads anomalies and incidents together) waits for it instead of reading what it has not stored yet.
  const inFlight = [...ctx.state.refreshing]
    .filter(([key]) => key.startsWith(`${org}|`))
    .map(([, run]) => run);
  await Promise.allSettled(inFlight);
  const at = ctx.state.lastRefresh.get(org);
  if (at !== undefined && ctx.now().getTime() - at < maxAgeMs) return;
  await refreshAnomalies(ctx, org);
}

async function refresh(ctx: AppContext, org: string, asked: Date | undefined): Promise<RefreshResult> {
  const now = ctx.now();
  ctx.state.lastRefresh.set(org, now.getTime());
  const mark = await ctx.detection.getDetectionMark(org);
  // why: taken before reading, so a record written during the run marks again and the next run sees it.
  const written = mark?.writtenFrom ?? null;
  if (written) await ctx.detection.takeWritten(org, written);
  try {
    const exam = examination(mark, asked, now, ctx.config.timezone);
    const result = await examine(ctx, org, exam);
    await ctx.detection.putExamined(org, { from: exam.examinedFrom, at: now });
    return result;
  } catch (error) {
    if (written) await ctx.detection.markWritten(org, written);
    throw error;
  }
}

/** Runs one examination: the complete days it names (daily anomalies) and, when asked, today (intraday). */
async function examine(ctx: AppContext, org: string, exam: Examination): Promise<RefreshResult> {
  if (!exam.dailySince && !exam.intraday) return { found: 0, written: 0, examined: null };
  const since = exam.dailySince ? await examinedFrom(ctx, org, exam.dailySince) : undefined;
  const base = refreshPlan(ctx, org, undefined, since, 0);
  const { currency, series } = await readScopes(ctx, base);
  const todayIndex = daysBetween(base.fetchFrom, base.today);
  const orgMicros = series[0]?.micros.slice(Math.max(0, todayIndex - 28), todayIndex) ?? [];
  const orgDaily = orgMicros.length ? median(orgMicros) / 1e6 : 0;
  const plan = { ...base, options: withOrgFloor(base.options, orgDaily) };
  // why: a reduce, not Math.max(...micros): a spread of a long history overflows the stack.
  const worth = series.filter(
    (s) => s.micros.reduce((a, b) => Math.max(a, b), 0) / 1e6 >= plan.options.minDelta,
  );
  const days =
    since && plan.evaluateFrom < plan.today ? { from: plan.evaluateFrom, to: addDays(plan.today, -1) } : null;
  const candidates = days
    ? worth.flatMap((s) => dailyCandidates(s.scope, s.micros.slice(0, todayIndex), plan))
    : [];
  if (exam.intraday) candidates.push(...(await intradayCandidates(ctx, plan, worth)));
  // why: from the usual look-back at least, so a scope muted weeks ago stays muted.
  const listFrom = [
    plan.fetchFrom,
    addDays(plan.today, -LOOKBACK_DAYS - plan.options.profileDays),
  ].sort()[0]!;
  const stored = await ctx.anomalies.listAnomalies({ org, from: dayStart(listFrom, plan.tz), limit: 10_000 });
  const written = await persist(ctx, plan, candidates, stored, { currency, orgDaily });
  return { found: candidates.length, written, examined: { days, intraday: exam.intraday } };
}

/** Where to start examining: the wanted start, but not before the month the org's spend begins (none: today only). */
async function examinedFrom(ctx: AppContext, org: string, wanted: Date): Promise<Date | undefined> {
  const recent = ctx.now().getTime() - LOOKBACK_DAYS * DAY_MS;
  if (wanted.getTime() >= recent) return wanted;
  const first = await firstSpend(ctx, org, wanted, ctx.now());
  if (!first) return undefined;
  return first > wanted ? first : wanted;
}

async function readScopes(ctx: AppContext, plan: RefreshPlan) {
  // why: a seat's fixed daily fee is not usage; its start is no spike (see src/domain/subscriptions.ts).
  const q = { org: plan.org, tz: plan.tz, usageOnly: true };
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
  await ctx.anomalies.upsertAnomalies(rows);
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
