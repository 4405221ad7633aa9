import { median, robustSigma } from './stats.ts';

/** Below this the band would claim more certainty than a day's spend ever has. */
const MIN_SIGMA = 0.03;
/**
 * A residual against the median of six neighbours carries that median's error too: for normal noise
 * var(median of 6) ≈ 0.23 σ², so the residual spread runs √1.23 ≈ 1.11 times the noise.
 */
const NEIGHBOUR_ERROR = 1.11;

/**
 * Day-to-day noise on the log scale from residuals: each day against the median of the three days
 * either side (its local level; the day itself left out, so it cannot vouch for itself) times its weekday
 * factor. Returns the noise and how many residuals it rests on; `offset` keeps zero days finite.
 */
export function noiseSigma(
  values: readonly number[],
  deseasonalized: readonly number[],
  factorAt: (i: number) => number,
  offset: number,
): { sigma: number; n: number } {
  const residuals: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const near = [...deseasonalized.slice(Math.max(0, i - 3), i), ...deseasonalized.slice(i + 1, i + 4)];
    const known = near.filter((v) => !Number.isNaN(v));
    if (known.length < 3) continue;
    residuals.push(Math.log((values[i]! + offset) / (median(known) * factorAt(i) + offset)));
  }
  if (residuals.length < 5) return { sigma: 0.5, n: residuals.length };
  return { sigma: Math.max(clippedSigma(residuals) / NEIGHBOUR_ERROR, MIN_SIGMA), n: residuals.length };
}

/**
 * A standard deviation that outliers cannot inflate yet nearly as efficient as the plain one: residuals
 * clipped at three robust sigmas (MAD), then the root mean square about their median.
 */
export function clippedSigma(residuals: readonly number[]): number {
  const center = median(residuals);
  const mad = robustSigma(residuals);
  if (mad === 0) return 0;
  const clipped = residuals.map((r) => Math.max(-3 * mad, Math.min(3 * mad, r - center)));
  return Math.sqrt(clipped.reduce((s, r) => s + r * r, 0) / Math.max(1, clipped.length - 1));
}

/**
 * The two-sided quantile of Student's t with `df` degrees of freedom for a normal quantile `z`
 * (Cornish–Fisher): an estimated sigma is itself uncertain, so short histories get wider bands.
 */
export function studentQuantile(z: number, df: number): number {
  const z3 = z ** 3;
  return z + (z3 + z) / (4 * df) + (5 * z ** 5 + 16 * z3 + 3 * z) / (96 * df * df);
}
