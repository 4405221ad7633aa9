import { blendLevel, risenLevel } from './level.ts';
import { noiseSigma, studentQuantile } from './noise.ts';
import { ANALYSIS_DEFAULTS, type AnalysisOptions } from './options.ts';
import { deseasonalize, weekdayFactors } from './rhythm.ts';
import { isSporadic, sporadicBaseline } from './sporadic.ts';
import { mean, normalQuantile } from './stats.ts';

/** Consecutive daily values (zeros included) ending the day before the day to predict. */
export interface DailyHistory {
  values: readonly number[];
  /** Weekday of `values[0]`, 0 = Sunday. */
  firstWeekday: number;
}

export type Baseline =
  | { state: 'learning'; historyDays: number }
  | {
      state: 'ready';
      expected: number;
      lower: number;
      upper: number;
      /** The deseasonalized level and the target weekday's factor: expected = level × factor. */
      level: number;
      factor: number;
      /** Every weekday's factor, Sunday first (mean 1). */
      factors: number[];
      /** Log-scale sigma of the prediction: day-to-day `noise` plus the uncertainty of the estimates. */
      sigma: number;
      noise: number;
      /** True when a persistent rise was taken as the new normal. */
      shifted: boolean;
    };

/**
 * Error of the estimates, in units of the noise variance: the level is a blend of 14- and 7-day medians
 * (≈ 0.14 σ²), a weekday factor the median of one ratio per whole week (≈ 1.57 σ² / weeks).
 */
function estimateVariance(weeks: number): number {
  return 0.14 + 1.57 / Math.max(1, weeks);
}

/**
 * The expected spend of the next day and its prediction interval, from a day-of-week-aware, outlier-robust
 * baseline: weekday factors from the medians of whole weeks, the level from medians of the trailing window
 * (re-anchored after a persistent rise), log-scale noise from clipped residuals. Sporadic series, idle on
 * many working days, are judged against their usual busy day instead (see sporadic.ts).
 */
export function dailyBaseline(history: DailyHistory, options: AnalysisOptions = ANALYSIS_DEFAULTS): Baseline {
  const first = history.values.findIndex((v) => v > 0);
  const historyDays = first < 0 ? 0 : history.values.length - first;
  if (historyDays < options.minHistoryDays) return { state: 'learning', historyDays };
  const span = Math.min(historyDays, options.profileDays);
  const values = history.values.slice(-span);
  const firstWeekday = (history.firstWeekday + history.values.length - span) % 7;
  const factors = weekdayFactors(values, firstWeekday);
  const z0 = normalQuantile(0.5 + options.interval / 2);
  const working = values.filter((_, i) => factors[(firstWeekday + i) % 7]! >= 0.1);
  if (isSporadic(working)) return sporadicBaseline(values, options.windowDays, z0);
  const d = deseasonalize(values, firstWeekday, factors);
  const offset = 0.01 * mean(values) + 1e-9;
  const noise = noiseSigma(values, d, (i) => factors[(firstWeekday + i) % 7]!, offset);
  const z = studentQuantile(z0, Math.max(3, 0.9 * noise.n - 1));
  const risen = risenLevel(d, { ...options, sigma: noise.sigma, z, offset });
  const level = risen ?? blendLevel(d.slice(-options.windowDays));
  const factor = factors[(firstWeekday + span) % 7]!;
  const expected = level * factor;
  const sigma = noise.sigma * Math.sqrt(1 + estimateVariance(Math.floor(span / 7)));
  const spread = z * sigma;
  return {
    state: 'ready',
    expected,
    lower: Math.max(0, (expected + offset) * Math.exp(-spread) - offset),
    upper: (expected + offset) * Math.exp(spread) - offset,
    level,
    factor,
    factors,
    sigma,
    noise: noise.sigma,
    shifted: risen !== null,
  };
}
