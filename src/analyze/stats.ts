// Robust statistics over plain number arrays: the few dozen lines the baselines and forecasts need.

/** Scales a median absolute deviation to a normal standard deviation. */
const MAD_TO_SIGMA = 1.4826;

/** The median; NaN for an empty list. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  // why: a typed array sorts numerically without a comparator, several times faster; baselines sort a lot.
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : values.reduce((s, v) => s + v, 0) / values.length;
}

export function sum(values: readonly number[]): number {
  return values.reduce((s, v) => s + v, 0);
}

/** A robust standard deviation: the median absolute deviation from the median, scaled for normal data. */
export function robustSigma(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const m = median(values);
  return MAD_TO_SIGMA * median(values.map((v) => Math.abs(v - m)));
}

/** The `p` quantile (0…1) with linear interpolation between order statistics. */
export function quantile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const at = Math.min(Math.max(p, 0), 1) * (sorted.length - 1);
  const lo = Math.floor(at);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

/**
 * The standard normal quantile (inverse CDF), by Acklam's rational approximation
 * (relative error below 1.2e-9), so a 95% interval is ±normalQuantile(0.975).
 */
export function normalQuantile(p: number): number {
  if (p <= 0) return Number.NEGATIVE_INFINITY;
  if (p >= 1) return Number.POSITIVE_INFINITY;
  const a = [
    -39.6968302866538, 220.946098424521, -275.928510446969, 138.357751867269, -30.6647980661472,
    2.50662827745924,
  ];
  const b = [-54.4760987982241, 161.585836858041, -155.698979859887, 66.8013118877197, -13.2806815528857];
  const c = [
    -0.00778489400243029, -0.322396458041136, -2.40075827716184, -2.54973253934373, 4.37466414146497,
    2.93816398269878,
  ];
  const d = [0.00778469570904146, 0.32246712907004, 2.445134137143, 3.75440866190742];
  const poly = (k: number[], x: number) => k.reduce((acc, coef) => acc * x + coef, 0);
  if (p < 0.02425 || p > 0.97575) {
    const q = Math.sqrt(-2 * Math.log(p < 0.5 ? p : 1 - p));
    const x = poly(c, q) / (poly(d, q) * q + 1);
    return p < 0.5 ? x : -x;
  }
  const q = p - 0.5;
  const r = q * q;
  return (poly(a, r) * q) / (poly(b, r) * r + 1);
}

/** Theil–Sen slope of y against its index: the median of pairwise slopes, untroubled by a few outliers. */
export function theilSenSlope(y: readonly number[]): number {
  const slopes: number[] = [];
  for (let i = 0; i < y.length; i++) {
    for (let j = i + 1; j < y.length; j++) slopes.push((y[j]! - y[i]!) / (j - i));
  }
  return slopes.length ? median(slopes) : 0;
}

/** Ordinary least squares of y on its index: `{ intercept, slope }`, the line through y[0] at x = 0. */
export function linearFit(y: readonly number[]): { intercept: number; slope: number } {
  const n = y.length;
  if (n < 2) return { intercept: y[0] ?? 0, slope: 0 };
  const xm = (n - 1) / 2;
  const ym = mean(y);
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (i - xm) * (y[i]! - ym);
    sxx += (i - xm) ** 2;
  }
  const slope = sxy / sxx;
  return { intercept: ym - slope * xm, slope };
}
