import { describe, expect, it } from 'vitest';
import { clippedSigma, studentQuantile } from '../../src/analyze/noise.ts';
import {
  linearFit,
  median,
  normalQuantile,
  quantile,
  robustSigma,
  theilSenSlope,
} from '../../src/analyze/stats.ts';

describe('robust statistics', () => {
  it('takes medians and quantiles', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(Number.isNaN(median([]))).toBe(true);
    expect(quantile([1, 2, 3, 4, 5], 0.9)).toBeCloseTo(4.6);
  });

  it('gives the normal quantiles a 95% and an 80% interval use', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.9)).toBeCloseTo(1.281552, 5);
    expect(normalQuantile(0.01)).toBeCloseTo(-2.326348, 5);
    expect(studentQuantile(1.959964, 10)).toBeCloseTo(2.228, 2);
  });

  it('reads a spread that one outlier cannot inflate', () => {
    const values = [-1, -0.5, 0, 0.5, 1, -0.2, 0.2, 0.7, -0.7];
    const withOutlier = [...values, 50];
    expect(robustSigma(withOutlier)).toBeLessThan(1.2);
    // the plain standard deviation is about 15; clipped at 3 robust sigmas the outlier weighs little
    expect(clippedSigma(withOutlier)).toBeLessThan(2 * clippedSigma(values));
  });

  it('fits slopes: Theil–Sen ignores a spike, least squares follows the line', () => {
    expect(theilSenSlope([1, 2, 3, 40, 5, 6])).toBeCloseTo(1);
    expect(linearFit([2, 4, 6, 8])).toEqual({ intercept: 2, slope: 2 });
  });
});
