import type { Scope } from '../../analyze/anomaly.ts';
import { addDays, daysBetween } from '../../analyze/calendar.ts';
import { sum } from '../../analyze/stats.ts';
import type { AppContext } from '../context.ts';
import { type Candidate, intradayCandidate } from './candidates.ts';
import { fineBasis, fineIntradayCandidate } from './fine-candidates.ts';
import { readMinutes, readSlotDays } from './fine-series.ts';
import { HOURLY_DAYS, type RefreshPlan } from './plan.ts';
import { hourlyDays, readHourly } from './series.ts';

/** One scope's daily spend: micro-units per day from `plan.fetchFrom` through today (today partial). */
export interface ScopeSeries {
  scope: Scope;
  micros: number[];
}

/**
 * Share of a scope's spend (today, and over the rhythm's past days) that must come from per-call
 * records for the per-minute check to judge it. Why so high: an hourly bucket read as minutes is a
 * burst at :00 that the per-minute check would take for a runaway job.
 */
export const FINE_SHARE = 0.99;

const keyOf = (s: Scope) => `${s.dimension}|${s.value}`;

/**
 * Today's intraday checks for the scopes that have spent at least the money floor today: the per-minute
 * check where the scope's money comes from per-call records (pushed records, OTLP, the gateway, agent
 * logs), the hourly check where any of it comes in hourly buckets (the providers' usage APIs).
 */
export async function intradayCandidates(
  ctx: AppContext,
  plan: RefreshPlan,
  series: ScopeSeries[],
): Promise<Candidate[]> {
  const todayIndex = daysBetween(plan.fetchFrom, plan.today);
  const active = series.filter((s) => (s.micros[todayIndex] ?? 0) / 1e6 >= plan.options.minDelta);
  const fine = await fineCandidates(ctx, plan, active);
  const hourly = await hourlyCandidates(
    ctx,
    plan,
    active.filter((s) => !fine.has(keyOf(s.scope))),
  );
  return [...[...fine.values()].filter((c): c is Candidate => c !== null), ...hourly];
}

/** Per-minute checks of the scopes whose money is all per-call, by scope key (null: judged, not flagged). */
async function fineCandidates(
  ctx: AppContext,
  plan: RefreshPlan,
  active: ScopeSeries[],
): Promise<Map<string, Candidate | null>> {
  const todayIndex = daysBetween(plan.fetchFrom, plan.today);
  const judged = new Map<string, Candidate | null>();
  await Promise.all(
    dimensionsOf(active).map(async ([dimension, scopes]) => {
      const q = {
        org: plan.org,
        tz: plan.tz,
        ...(dimension === 'org' ? {} : { dimension }),
        values: scopes.map((s) => s.scope.value),
      };
      const today = await readMinutes(ctx, q, plan.today, plan.now);
      const fineToday = scopes.filter(
        (s) => (today.get(s.scope.value)?.micros ?? 0) >= FINE_SHARE * (s.micros[todayIndex] ?? 0),
      );
      if (fineToday.length === 0) return;
      const from = addDays(plan.today, -HOURLY_DAYS);
      const past = await readSlotDays(
        ctx,
        { ...q, values: fineToday.map((s) => s.scope.value) },
        from,
        plan.today,
      );
      for (const s of fineToday) {
        const history = past.get(s.scope.value);
        const pastMicros = sum(s.micros.slice(todayIndex - HOURLY_DAYS, todayIndex));
        if ((history?.micros ?? 0) < FINE_SHARE * pastMicros) continue;
        const basis = history ? fineBasis(s.micros.slice(0, todayIndex), history.spend, plan) : null;
        const minutes = today.get(s.scope.value)?.spend;
        judged.set(
          keyOf(s.scope),
          basis && minutes
            ? fineIntradayCandidate(s.scope, basis, minutes, s.micros[todayIndex] ?? 0, plan)
            : null,
        );
      }
    }),
  );
  return judged;
}

/** Hourly checks: one hourly read per dimension. */
async function hourlyCandidates(
  ctx: AppContext,
  plan: RefreshPlan,
  active: ScopeSeries[],
): Promise<Candidate[]> {
  const todayIndex = daysBetween(plan.fetchFrom, plan.today);
  const from = addDays(plan.today, -HOURLY_DAYS);
  const found = await Promise.all(
    dimensionsOf(active).map(async ([d, scopes]) => {
      const q = { org: plan.org, tz: plan.tz, usageOnly: true, ...(d === 'org' ? {} : { dimension: d }) };
      const read = await readHourly(ctx, q, from, plan.now);
      return scopes.flatMap((s) => {
        const days = hourlyDays(read.get(s.scope.value), from, addDays(plan.today, 1));
        const c = intradayCandidate(s.scope, s.micros.slice(0, todayIndex), days, plan);
        return c ? [c] : [];
      });
    }),
  );
  return found.flat();
}

function dimensionsOf(scopes: ScopeSeries[]): [Scope['dimension'], ScopeSeries[]][] {
  const out = new Map<Scope['dimension'], ScopeSeries[]>();
  for (const s of scopes) out.set(s.scope.dimension, [...(out.get(s.scope.dimension) ?? []), s]);
  return [...out];
}
