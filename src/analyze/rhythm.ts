import { mean, median } from './stats.ts';

/** Days whose weekday factor is below this carry too little signal to read the level from. */
const MIN_FACTOR = 0.1;

/**
 * Weeks that count twice in the medians: a changed weekly shape (a new job that runs at weekends too)
 * is then learned in three weeks rather than five.
 */
const RECENT_WEEKS = 4;

/**
 * Multiplicative weekday factors (Sunday first, mean 1) from whole weeks ending at the last value: each
 * day against its week's mean, then the median per weekday across weeks, so one odd week does not count.
 * Without a whole week every factor is 1.
 */
export function weekdayFactors(values: readonly number[], firstWeekday: number): number[] {
  const ratios: number[][] = [[], [], [], [], [], [], []];
  for (let end = values.length, age = 0; end >= 7; end -= 7, age++) {
    const week = values.slice(end - 7, end);
    const m = mean(week);
    if (m <= 0) continue;
    const copies = age < RECENT_WEEKS ? 2 : 1;
    week.forEach((v, k) => {
      for (let c = 0; c < copies; c++) ratios[(firstWeekday + end - 7 + k) % 7]!.push(v / m);
    });
  }
  const raw = ratios.map((r) => (r.length ? median(r) : 1));
  const m = mean(raw);
  return m > 0 ? raw.map((f) => f / m) : raw.map(() => 1);
}

/** Values divided by their weekday factor; NaN where the factor is too small to divide by. */
export function deseasonalize(
  values: readonly number[],
  firstWeekday: number,
  factors: readonly number[],
): number[] {
  return values.map((v, i) => {
    const f = factors[(firstWeekday + i) % 7]!;
    return f >= MIN_FACTOR ? v / f : Number.NaN;
  });
}

/** The entries that are numbers. */
export function valid(values: readonly number[]): number[] {
  return values.filter((v) => !Number.isNaN(v));
}
