import { weekdayOf } from './calendar.ts';
import type { DailySeries, ReadyBaseline } from './daily.ts';

/** Days clipped past this many sigmas: a spike must not lift the level it is judged by. */
const CLIP = 2.5;
/** Days the level is read from, and the two spans whose levels give the trend. */
const LEVEL_DAYS = 21;
const TREND_DAYS = 28;
/** Half the measured growth is projected: growth read off eight weeks is itself noisy. */
const SHRINK = 0.5;
/** Above 1% a day the change is a shift, not a trend to project. */
const MAX_GROWTH = 0.01;
/** Each further day keeps this share of the previous day's growth, so a trend flattens out. */
const DAMPING = 0.97;

export interface LevelTrend {
  /** Mean spend of an average weekday now (deseasonalized). */
  level: number;
  /** Growth factor from now to `j` days after today. */
  growth: (j: number) => number;
}

/**
 * The level and trend to project. The level is the spend of the last three weeks over the sum of
 * their weekday factors (a ratio estimate, so small weekend factors do not magnify noise), each day
 * clipped to 2.5σ around the robust baseline: a spike counts only as an ordinary high day. The trend
 * compares the last four weeks with the four before, halved and damped. After a persistent rise the
 * run's own level stands, without trend.
 */
export function levelTrend(history: DailySeries, b: ReadyBaseline): LevelTrend {
  const n = history.values.length;
  // why: the baseline's level is a median; spend adds up by the mean, e^(σ²/2) higher for lognormal noise.
  if (b.shifted || n < LEVEL_DAYS) return { level: b.level * Math.exp(b.noise ** 2 / 2), growth: () => 1 };
  const w0 = weekdayOf(history.start);
  const span = (back: number, days: number) =>
    ratioLevel(history.values.slice(n - back, n - back + days), (w0 + n - back) % 7, b);
  let g = 0;
  if (n >= 2 * TREND_DAYS) {
    const raw = Math.log(span(TREND_DAYS, TREND_DAYS) / span(2 * TREND_DAYS, TREND_DAYS)) / TREND_DAYS;
    g = Math.abs(raw) > MAX_GROWTH || !Number.isFinite(raw) ? 0 : SHRINK * raw;
  }
  return {
    // why: the window's mean sits half a window back; carry it to today.
    level: span(LEVEL_DAYS, LEVEL_DAYS) * Math.exp((g * LEVEL_DAYS) / 2),
    growth: (j) => {
      let total = 0;
      for (let k = 1; k <= j; k++) total += DAMPING ** k;
      return Math.exp(g * total);
    },
  };
}

/** Clipped spend over the sum of weekday factors. */
function ratioLevel(values: readonly number[], firstWeekday: number, b: ReadyBaseline): number {
  let spent = 0;
  let weight = 0;
  values.forEach((v, i) => {
    const f = b.factors[(firstWeekday + i) % 7]!;
    const expected = b.level * f;
    spent += Math.min(expected * Math.exp(CLIP * b.noise), Math.max(expected * Math.exp(-CLIP * b.noise), v));
    weight += f;
  });
  return weight > 0 ? spent / weight : b.level;
}
