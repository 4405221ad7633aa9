import type { Baseline } from './baseline.ts';
import { mean, quantile } from './stats.ts';

/** A series idle on this share of its days or more is sporadic: a model tried now and then, a side project. */
const SPORADIC_SHARE = 0.3;
/** How far above its usual busy day a sporadic series may go before it is an anomaly. */
const BUSY_DAY_MARGIN = 1.5;

/** True when too many days spent nothing for a typical day to describe the series. */
export function isSporadic(values: readonly number[]): boolean {
  const idle = values.filter((v) => v <= 0).length;
  return values.length > 0 && idle / values.length >= SPORADIC_SHARE;
}

/**
 * The baseline of a sporadic series, where a median day is zero and any spend would look infinite: the
 * expected day is the average day, and the band reaches 1.5 times its busy days (90th percentile of
 * the days that spent), so its usual bursts pass and one far beyond them does not.
 */
export function sporadicBaseline(values: readonly number[], windowDays: number, z: number): Baseline {
  const busy = values.filter((v) => v > 0);
  const expected = mean(values.slice(-windowDays));
  // why: a series whose every day in the window was idle (it spent only before it) has no busy day.
  const upper = Math.max(expected, busy.length ? BUSY_DAY_MARGIN * quantile(busy, 0.9) : 0);
  const sigma = Math.log((upper + 1e-9) / (expected + 1e-9)) / z;
  return {
    state: 'ready',
    expected,
    lower: 0,
    upper,
    level: expected,
    factor: 1,
    factors: [1, 1, 1, 1, 1, 1, 1],
    sigma,
    noise: sigma,
    shifted: false,
  };
}
