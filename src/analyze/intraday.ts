import { ANALYSIS_DEFAULTS, type AnalysisOptions } from './options.ts';
import { type HourlyProfile, shareBetween } from './profile.ts';
import { normalQuantile, sum } from './stats.ts';

export interface IntradayInput {
  /** Today's intraday rhythm, from `hourlyProfile` of the past days. */
  profile: HourlyProfile;
  /** Today's expected total and the log-scale sigma of its daily baseline. */
  expectedDay: number;
  sigmaDay: number;
  /** Today's spend by local hour so far; the hour under way is partial. */
  today: readonly number[];
  /** Local clock hours since midnight, e.g. 14.25. */
  elapsed: number;
}

export interface IntradayCheck {
  flagged: boolean;
  /** Spend so far today against what was expected by this hour, with a band. */
  actual: number;
  expected: number;
  lower: number;
  upper: number;
  /** The recent window that ran hot, in clock hours. */
  window: { from: number; to: number; actual: number; expected: number; sigma: number } | null;
}

/**
 * z for the intraday test. Why this high: it runs at every poll, on up to three windows, all day, so
 * a 95% band would cry wolf daily; calibrated on bench/detect for under one false alert a month.
 */
export const INTRADAY_Z = 3;
/**
 * Cap on a window's log-scale sigma. Why: a scope that rarely spends (one person, one model) has wild
 * relative noise; uncapped, a few minutes of a runaway job would need thousands of times its usual
 * pennies. Capped, the money floor decides for such scopes.
 */
const MAX_SIGMA = 1;
/** Hours back the windows reach: the hour under way, and with the one or two before it. */
const WINDOWS = [0, 1, 2];

/**
 * Today's spend so far against the hour-by-hour expectation: a recent window (the hour under way,
 * alone and with the hours before it) far above what the day's rhythm, scaled by today's pace so
 * far, leads one to expect. Flags a runaway job within a poll or two of it starting.
 */
export function checkIntraday(
  input: IntradayInput,
  options: AnalysisOptions = ANALYSIS_DEFAULTS,
): IntradayCheck {
  const { shares, sigmaHour } = input.profile;
  const E = input.expectedDay;
  const now = Math.min(24, input.elapsed);
  const hour = Math.min(23, Math.floor(now));
  const actual = sum(input.today.slice(0, hour + 1));
  const expected = E * shareBetween(shares, 0, now);
  // The band shown for today so far is the daily interval's; the test itself is stricter.
  const spread = Math.exp(normalQuantile(0.5 + options.interval / 2) * input.sigmaDay);
  let window: IntradayCheck['window'] = null;
  for (const back of WINDOWS) {
    if (hour - back < 0) break;
    const from = hour - back;
    const length = now - from;
    const before = sum(input.today.slice(0, from));
    const pace = clamp((before + 0.1 * E) / (E * shareBetween(shares, 0, from) + 0.1 * E), 0.5, 2);
    const want = E * pace * shareBetween(shares, from, now);
    const got = sum(input.today.slice(from, hour + 1));
    const bound = (expected: number, hours: number, z: number) =>
      (expected + (0.02 * E * hours) / 24) * Math.exp(z * windowSigma(sigmaHour, input.sigmaDay, hours)) -
      (0.02 * E * hours) / 24;
    const hot = got > bound(want, length, INTRADAY_Z);
    // why: hourly buckets hide when in the hour money goes; a job that runs at :00 spends its hour early,
    // so the hour under way must also be hot against the whole hour's expectation.
    const beyondHour =
      got > bound(E * pace * shareBetween(shares, from, hour + 1), hour + 1 - from, INTRADAY_Z);
    const sigma = windowSigma(sigmaHour, input.sigmaDay, length);
    if (hot && beyondHour && got - want >= Math.max(options.minDelta, 0.03 * E)) {
      window = { from, to: now, actual: got, expected: want, sigma };
      break;
    }
  }
  return {
    flagged: window !== null,
    actual,
    expected,
    lower: expected / spread,
    upper: expected * spread,
    window,
  };
}

/** Log-scale sigma of a window's spend: the hours' noise (less over longer windows), part of the day's, capped. */
function windowSigma(sigmaHour: number, sigmaDay: number, hours: number): number {
  return Math.min(MAX_SIGMA, Math.hypot(sigmaHour / Math.sqrt(Math.min(hours, 3)), 0.5 * sigmaDay));
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}
