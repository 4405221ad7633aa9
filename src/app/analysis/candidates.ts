import type { AnomalyKind, Scope } from '../../analyze/anomaly.ts';
import { dailyBaseline } from '../../analyze/baseline.ts';
import { addDays, dayStart, daysBetween, localHours, weekdayOf } from '../../analyze/calendar.ts';
import { detectDaily } from '../../analyze/daily.ts';
import { checkIntraday } from '../../analyze/intraday.ts';
import { hourlyProfile } from '../../analyze/profile.ts';
import { sum } from '../../analyze/stats.ts';
import { HOURLY_DAYS, type RefreshPlan } from './plan.ts';

/** An anomaly found, before drivers, severity and words: money in micro-units, statistics in units. */
export interface Candidate {
  kind: AnomalyKind;
  scope: Scope;
  periodStart: Date;
  periodEnd: Date;
  actualMicros: number;
  expected: number;
  lower: number;
  upper: number;
  /** Log-scale sigma the actual was judged with, for severity. */
  sigma: number;
  becameNormal: boolean;
  /** Daily: days the series had spent for before the anomaly began (its baseline's history). */
  historyDays?: number;
  /** Intraday: the hot window and the local clock time of the check. */
  window?: { hours: number; actual: number; expected: number };
  clock?: string;
}

const units = (micros: number) => micros / 1e6;

/** Daily anomalies of one scope's series (micro-units per day from `plan.fetchFrom`, complete days only). */
export function dailyCandidates(scope: Scope, micros: readonly number[], plan: RefreshPlan): Candidate[] {
  const { episodes } = detectDaily(
    { start: plan.fetchFrom, values: micros.map(units) },
    plan.evaluateFrom,
    plan.options,
  );
  const first = micros.findIndex((m) => m > 0);
  return episodes.map((e) => {
    const at = (day: string) => micros[daysBetween(plan.fetchFrom, day)] ?? 0;
    return {
      kind: 'daily',
      scope,
      periodStart: dayStart(e.start, plan.tz),
      periodEnd: dayStart(e.end, plan.tz),
      actualMicros: sum(e.days.map((d) => at(d.day))),
      expected: sum(e.days.map((d) => d.baseline.expected)),
      lower: sum(e.days.map((d) => d.baseline.lower)),
      upper: sum(e.days.map((d) => d.baseline.upper)),
      sigma: Math.max(...e.days.map((d) => d.baseline.sigma)),
      becameNormal: e.becameNormal,
      historyDays: daysBetween(plan.fetchFrom, e.start) - Math.max(0, first),
    };
  });
}

/**
 * Today's intraday check for one scope: `micros` are complete days from `plan.fetchFrom`, `hourly` the
 * last days by hour (oldest first, today last, partial). Null when not flagged or still learning.
 */
export function intradayCandidate(
  scope: Scope,
  micros: readonly number[],
  hourly: readonly { day: string; hours: number[] }[],
  plan: RefreshPlan,
): Candidate | null {
  const b = dailyBaseline(
    { values: micros.map(units), firstWeekday: weekdayOf(plan.fetchFrom) },
    plan.options,
  );
  const today = hourly[hourly.length - 1];
  if (b.state !== 'ready' || !today) return null;
  const history = hourly
    .slice(-HOURLY_DAYS - 1, -1)
    .map((d) => ({ weekday: weekdayOf(d.day), hours: d.hours.map(units) }));
  const elapsed = localHours(plan.now, plan.tz);
  const check = checkIntraday(
    {
      profile: hourlyProfile(history, weekdayOf(plan.today)),
      expectedDay: b.expected,
      sigmaDay: b.sigma,
      today: today.hours.map(units),
      elapsed,
    },
    plan.options,
  );
  if (!check.window) return null;
  return {
    kind: 'intraday',
    scope,
    periodStart: dayStart(plan.today, plan.tz),
    periodEnd: new Date(Math.min(plan.now.getTime(), dayStart(addDays(plan.today, 1), plan.tz).getTime())),
    actualMicros: sum(today.hours),
    expected: check.expected,
    lower: check.lower,
    upper: check.upper,
    sigma: check.window.sigma,
    becameNormal: false,
    window: {
      hours: check.window.to - check.window.from,
      actual: check.window.actual,
      expected: check.window.expected,
    },
    clock: clockText(elapsed),
  };
}

/** Local clock time for hours since midnight: 13.1666… → "13:10". */
export function clockText(hours: number): string {
  const minutes = Math.floor(hours * 60 + 1e-6);
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
