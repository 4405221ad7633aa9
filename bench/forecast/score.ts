import { addDays, daysBetween, monthStart, nextMonthStart } from '../../src/analyze/calendar.ts';
import { forecastMonth } from '../../src/analyze/forecast.ts';
import { linearRunRate, velocityForecast } from '../../src/analyze/run-rate.ts';
import { sum } from '../../src/analyze/stats.ts';
import type { LabelledDaily } from '../detect/daily-series.ts';

export const CHECKPOINTS = [7, 15, 22] as const;
export const METHODS = ['spendlens', 'linear run-rate', '7-day velocity regression'] as const;
export type Method = (typeof METHODS)[number];

export interface ForecastScore {
  months: number;
  /** Absolute percentage errors per checkpoint and method. */
  errors: Record<number, Record<Method, number[]>>;
  /** How often the month's total fell inside spendlens's P10–P90, per checkpoint. */
  inside: Record<number, number>;
}

/** A Sunday; series start on their own weekday after it. */
const EPOCH = '2026-01-04';
/** Months start being forecast once this much history lies before them. */
const MIN_HISTORY = 56;

/** Forecasts every whole month of every series at days 7, 15 and 22 with each method. */
export function scoreForecasts(all: LabelledDaily[]): ForecastScore {
  const errors = Object.fromEntries(
    CHECKPOINTS.map((c) => [c, Object.fromEntries(METHODS.map((m) => [m, [] as number[]]))]),
  ) as ForecastScore['errors'];
  const inside: Record<number, number> = { 7: 0, 15: 0, 22: 0 };
  let months = 0;
  for (const series of all) {
    const start = addDays(EPOCH, series.firstWeekday);
    const end = addDays(start, series.values.length);
    for (
      let m = nextMonthStart(addDays(start, MIN_HISTORY));
      nextMonthStart(m) <= end;
      m = nextMonthStart(m)
    ) {
      months++;
      const from = daysBetween(start, m);
      const length = daysBetween(m, nextMonthStart(m));
      const actual = sum(series.values.slice(from, from + length));
      for (const k of CHECKPOINTS) {
        const history = series.values.slice(0, from + k);
        const f = forecastMonth({
          history: { start, values: history },
          today: addDays(m, k),
          todaySoFar: 0,
          elapsed: 0,
        });
        const mtd = sum(history.slice(from));
        const ape = (p: number) => (Math.abs(p - actual) / actual) * 100;
        errors[k]!.spendlens.push(ape(f.p50));
        errors[k]!['linear run-rate'].push(ape(linearRunRate(mtd, k, length)));
        errors[k]!['7-day velocity regression'].push(ape(velocityForecast(history, mtd, length - k)));
        if (actual >= f.p10 && actual <= f.p90) inside[k]!++;
      }
    }
  }
  return { months, errors, inside };
}

export { monthStart };
