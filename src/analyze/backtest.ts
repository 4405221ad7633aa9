import { addDays, type Day, daysBetween, monthStart, nextMonthStart } from './calendar.ts';
import type { DailySeries } from './daily.ts';
import { forecastMonth } from './forecast.ts';
import { ANALYSIS_DEFAULTS, type AnalysisOptions } from './options.ts';
import { mean, sum } from './stats.ts';

export interface Backtest {
  /** Mean absolute percentage error of the P50 month-end projection; null without a month to test. */
  mape: number | null;
  months: number;
  byMonth: { month: Day; projected: number; actual: number; errorPercent: number }[];
}

/** A month is tested only with this much history before its forecast: the level needs weeks to read. */
const MIN_HISTORY_DAYS = 28;

/**
 * How the forecast would have done on the series' own past: for each whole month before `today`'s
 * (the latest `maxMonths`), the projection made after `daysKnown` of its days against what it came to.
 */
export function backtest(
  series: DailySeries,
  today: Day,
  daysKnown: number,
  options: AnalysisOptions = ANALYSIS_DEFAULTS,
  maxMonths = 12,
): Backtest {
  const byMonth: Backtest['byMonth'] = [];
  const end = monthStart(today);
  const first = monthStart(series.start) === series.start ? series.start : nextMonthStart(series.start);
  for (let m = first; m < end; m = nextMonthStart(m)) {
    const from = daysBetween(series.start, m);
    const length = daysBetween(m, nextMonthStart(m));
    const known = Math.min(Math.max(daysKnown, 1), length - 1);
    if (from + known < MIN_HISTORY_DAYS) continue;
    const actual = sum(series.values.slice(from, from + length));
    if (actual <= 0) continue;
    const history = { start: series.start, values: series.values.slice(0, from + known) };
    const f = forecastMonth({ history, today: addDays(m, known), todaySoFar: 0, elapsed: 0 }, options);
    byMonth.push({ month: m, projected: f.p50, actual, errorPercent: ((f.p50 - actual) / actual) * 100 });
  }
  const recent = byMonth.slice(-maxMonths);
  const mape = recent.length ? round2(mean(recent.map((b) => Math.abs(b.errorPercent)))) : null;
  return { mape, months: recent.length, byMonth: recent };
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
