import type { Scope } from '../../analyze/anomaly.ts';
import { dailyBaseline } from '../../analyze/baseline.ts';
import { addDays, dayStart, localHours, weekdayOf } from '../../analyze/calendar.ts';
import { checkIntradayFine, type SlotProfile, slotProfile } from '../../analyze/intraday-fine.ts';
import { normalQuantile } from '../../analyze/stats.ts';
import { type Candidate, clockText } from './candidates.ts';
import type { RefreshPlan } from './plan.ts';

/** What today's per-minute check of one scope is judged against, learnt once a day. */
export interface FineBasis {
  expectedDay: number;
  sigmaDay: number;
  profile: SlotProfile;
}

/**
 * The basis of today's per-minute check for a scope with per-call records: its daily baseline
 * (`micros`: complete days from `plan.fetchFrom`) and its 10-minute rhythm (`slotDays`: the past days,
 * oldest first, 144 slots each, in units). Null while the baseline is still learning.
 */
export function fineBasis(
  micros: readonly number[],
  slotDays: readonly { day: string; slots: readonly number[] }[],
  plan: RefreshPlan,
): FineBasis | null {
  const b = dailyBaseline(
    { values: micros.map((m) => m / 1e6), firstWeekday: weekdayOf(plan.fetchFrom) },
    plan.options,
  );
  if (b.state !== 'ready') return null;
  const history = slotDays.map((d) => ({ weekday: weekdayOf(d.day), slots: d.slots }));
  return { expectedDay: b.expected, sigmaDay: b.sigma, profile: slotProfile(history, weekdayOf(plan.today)) };
}

/**
 * Today's per-minute intraday check for one scope at `plan.now`: `minutes` is today's spend per minute
 * (units) from local midnight through the minute under way, `spentMicros` today's exact spend so far.
 * Null when not flagged. The refresh calls it at each evaluation; bench/detect calls it every minute.
 */
export function fineIntradayCandidate(
  scope: Scope,
  basis: FineBasis,
  minutes: ArrayLike<number>,
  spentMicros: number,
  plan: RefreshPlan,
): Candidate | null {
  const check = checkIntradayFine(
    { profile: basis.profile, expectedDay: basis.expectedDay, sigmaDay: basis.sigmaDay, minutes },
    plan.options,
  );
  if (!check.window) return null;
  const { before } = basis.profile;
  const slot = 1440 / basis.profile.shares.length;
  const k = Math.min(basis.profile.shares.length, Math.floor(check.window.to / slot));
  const share =
    (before.shares[k] ?? 1) + (basis.profile.shares[k] ?? 0) * ((check.window.to - k * slot) / slot);
  const expected = basis.expectedDay * share;
  const spread = Math.exp(normalQuantile(0.5 + plan.options.interval / 2) * basis.sigmaDay);
  return {
    kind: 'intraday',
    scope,
    periodStart: dayStart(plan.today, plan.tz),
    periodEnd: new Date(Math.min(plan.now.getTime(), dayStart(addDays(plan.today, 1), plan.tz).getTime())),
    actualMicros: spentMicros,
    expected,
    lower: expected / spread,
    upper: expected * spread,
    sigma: check.window.sigma,
    becameNormal: false,
    window: {
      hours: (check.window.to - check.window.from) / 60,
      actual: check.window.actual,
      expected: check.window.expected,
    },
    clock: clockText(localHours(plan.now, plan.tz)),
  };
}
