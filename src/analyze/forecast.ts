import { dailyBaseline } from './baseline.ts';
import { addDays, type Day, daysBetween, monthStart, nextMonthStart, weekdayOf } from './calendar.ts';
import type { DailySeries } from './daily.ts';
import { ANALYSIS_DEFAULTS, type AnalysisOptions } from './options.ts';
import { linearRunRate } from './run-rate.ts';
import { sum } from './stats.ts';
import { levelTrend } from './trend.ts';

export interface ForecastInput {
  /** Daily spend of the complete days before `today`, oldest first. */
  history: DailySeries;
  today: Day;
  /** Today's spend so far and the share of today already gone (0…1). */
  todaySoFar: number;
  elapsed: number;
}

export interface MonthForecast {
  /** First day of the month and of the next. */
  month: Day;
  monthEnd: Day;
  actualToDate: number;
  p10: number;
  p50: number;
  p90: number;
  /** Expected spend of today's remainder and each later day of the month. */
  path: { day: Day; expected: number }[];
  /** `rhythm` (weekly rhythm, level and trend) or `run-rate` while the series is still learning. */
  method: 'rhythm' | 'run-rate';
}

const Z80 = 1.2816;

/**
 * Month-end spend with P10/P50/P90: the month so far plus, for each day left, the recent level times
 * that weekday's factor, carried forward by a damped trend (see trend.ts). The band combines the
 * level's uncertainty, the days' own noise and the unforeseen, which grows with the days left.
 */
export function forecastMonth(
  input: ForecastInput,
  options: AnalysisOptions = ANALYSIS_DEFAULTS,
): MonthForecast {
  const month = monthStart(input.today);
  const monthEnd = nextMonthStart(input.today);
  const known = Math.max(0, daysBetween(input.history.start, month));
  const actualToDate = sum(input.history.values.slice(known)) + input.todaySoFar;
  const b = dailyBaseline(
    { values: input.history.values, firstWeekday: weekdayOf(input.history.start) },
    options,
  );
  if (b.state === 'learning') return runRateForecast(input, month, monthEnd, actualToDate);
  const { level, growth } = levelTrend(input.history, b);
  const path: MonthForecast['path'] = [];
  for (let day = input.today, j = 0; day < monthEnd; day = addDays(day, 1), j++) {
    const share = j === 0 ? 1 - input.elapsed : 1;
    path.push({ day, expected: level * b.factors[weekdayOf(day)]! * growth(j) * share });
  }
  const rest = sum(path.map((p) => p.expected));
  const sigma = restSigma(path, b.noise);
  return {
    month,
    monthEnd,
    actualToDate,
    p10: actualToDate + rest * Math.exp(-Z80 * sigma),
    p50: actualToDate + rest,
    p90: actualToDate + rest * Math.exp(Z80 * sigma),
    path,
    method: 'rhythm',
  };
}

/** The level's error in units of the day-to-day noise. */
const LEVEL_ERROR = 0.6;
/**
 * Spread a day of the rest of the month adds, beyond noise: the spikes and shifts no rhythm foretells.
 * With LEVEL_ERROR, calibrated so that 80% of month totals land inside P10–P90 on bench/forecast.
 */
const DRIFT = 0.04;

/** Log-scale sigma of the rest of the month: the level's error, the days' noise and the unforeseen. */
function restSigma(path: MonthForecast['path'], noise: number): number {
  const total = sum(path.map((p) => p.expected));
  if (total <= 0) return 0;
  const daily = Math.sqrt(sum(path.map((p) => p.expected ** 2))) / total;
  return Math.sqrt((LEVEL_ERROR * noise) ** 2 + (daily * noise) ** 2 + DRIFT ** 2 * (path.length / 3));
}

function runRateForecast(
  input: ForecastInput,
  month: Day,
  monthEnd: Day,
  actualToDate: number,
): MonthForecast {
  const elapsedDays = daysBetween(month, input.today) + input.elapsed;
  const p50 = linearRunRate(actualToDate, elapsedDays, daysBetween(month, monthEnd));
  const rest = p50 - actualToDate;
  return {
    month,
    monthEnd,
    actualToDate,
    p10: actualToDate + rest * 0.5,
    p50,
    p90: actualToDate + rest * 1.5,
    path: [],
    method: 'run-rate',
  };
}
