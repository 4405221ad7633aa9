import { describe, expect, it } from 'vitest';
import { dailyBaseline } from '../../src/analyze/baseline.ts';
import { baselineAt, isAnomalous, type ReadyBaseline } from '../../src/analyze/daily.ts';
import { ANALYSIS_DEFAULTS } from '../../src/analyze/options.ts';
import { rhythm, withSpike } from './series.ts';

const options = ANALYSIS_DEFAULTS;
const judge = (values: readonly number[], index: number) => {
  const b = baselineAt({ start: '2026-01-05', values }, index, options);
  return { b, anomalous: b.state === 'ready' && isAnomalous(values[index]!, b, options) };
};

describe('dailyBaseline', () => {
  it('expects the weekday rhythm: a busy Monday after a quiet Sunday is no anomaly', () => {
    const { values } = rhythm(8);
    const monday = judge(values, 49);
    expect(monday.anomalous).toBe(false);
    expect(monday.b).toMatchObject({ state: 'ready' });
    if (monday.b.state !== 'ready') return;
    expect(monday.b.expected).toBeGreaterThan(90);
    expect(monday.b.expected).toBeLessThan(110);
    const sunday = judge(values, 48);
    if (sunday.b.state !== 'ready') throw new Error('not ready');
    expect(sunday.b.expected).toBeGreaterThan(25);
    expect(sunday.b.expected).toBeLessThan(35);
    expect(sunday.b.lower).toBeLessThan(sunday.b.expected);
    expect(sunday.b.upper).toBeGreaterThan(sunday.b.expected);
  });

  it('flags a weekend day at a weekday level: a weekend spike', () => {
    const { values } = withSpike(rhythm(8), 47, 70);
    expect(judge(values, 47).anomalous).toBe(true);
    expect(judge(values, 45).anomalous).toBe(false);
  });

  it('is still learning with fewer than seven days since the series began spending', () => {
    const values = [0, 0, 0, 50, 60, 55, 52, 58, 61];
    expect(dailyBaseline({ values, firstWeekday: 1 })).toEqual({ state: 'learning', historyDays: 6 });
    expect(dailyBaseline({ values: [...values, 57], firstWeekday: 1 }).state).toBe('ready');
  });

  it('keeps small money quiet: a tenfold day of a $0.40 series is under the $5 floor', () => {
    const { values } = withSpike(rhythm(8, 0.4, 0.1), 44, 3.6);
    const { b, anomalous } = judge(values, 44);
    expect(b.state === 'ready' && values[44]! > b.upper).toBe(true);
    expect(anomalous).toBe(false);
    const big = withSpike(rhythm(8, 40, 10), 44, 360).values;
    expect(judge(big, 44).anomalous).toBe(true);
  });

  it('takes a rise that lasts as the new normal after two days', () => {
    const base = rhythm(8).values;
    const values = base.map((v, i) => (i >= 42 ? v * 2.5 : v));
    expect(judge(values, 42).anomalous).toBe(true);
    expect(judge(values, 43).anomalous).toBe(true);
    const third = judge(values, 44);
    expect(third.anomalous).toBe(false);
    expect(third.b).toMatchObject({ state: 'ready', shifted: true });
    expect([45, 46, 47, 50, 54].map((i) => judge(values, i).anomalous)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('judges a sporadic series by its usual busy day', () => {
    const values = Array.from({ length: 42 }, (_, i) => (i % 3 === 0 ? 20 + (i % 5) : 0));
    expect(judge([...values, 24], 42).anomalous).toBe(false);
    expect(judge([...values, 200], 42).anomalous).toBe(true);
  });

  it('pins the band of a Monday in an eight-week rhythm to its numbers', () => {
    const { b } = judge(rhythm(8).values, 49);
    if (b.state !== 'ready') throw new Error('not ready');
    expect(b.expected).toBeCloseTo(102, 9);
    expect(b.level).toBeCloseTo(80.3, 9);
    expect(b.factor).toBeCloseTo(1.2702366127, 9);
    expect(b.noise).toBeCloseTo(0.03, 9);
    expect(b.sigma).toBeCloseTo(0.0350407926, 9);
    expect(b.lower).toBeCloseTo(94.9865807429, 8);
    expect(b.upper).toBeCloseTo(109.5269203007, 8);
    expect(b.shifted).toBe(false);
  });

  it('widens the band while the weekday factors rest on a single week', () => {
    const { b } = judge(rhythm(8).values, 10);
    if (b.state !== 'ready') throw new Error('not ready');
    expect(b.expected).toBeCloseTo(103, 9);
    expect(b.sigma).toBeCloseTo(0.0493862329, 9);
    expect(b.lower).toBeCloseTo(91.845205449, 8);
    expect(b.upper).toBeCloseTo(115.4969841773, 8);
  });

  it('judges a Monday-to-Friday team by its rhythm, not as sporadic, though weekends and some days are idle', () => {
    // idle every weekend and on one weekday a week, a different one each week
    const values = Array.from({ length: 56 }, (_, i) => {
      const weekday = i % 7;
      return weekday >= 5 || weekday === Math.floor(i / 7) % 5 ? 0 : 100;
    });
    const { b } = judge([...values, 100], 56);
    if (b.state !== 'ready') throw new Error('not ready');
    expect([b.factors[0], b.factors[6]]).toEqual([0, 0]); // Sunday and Saturday: idle
    expect(b.expected).toBeGreaterThan(95);
    expect(b.lower).toBeGreaterThan(80);
  });

  it('has no history at all for a series that never spent', () => {
    expect(dailyBaseline({ values: Array(30).fill(0), firstWeekday: 1 })).toEqual({
      state: 'learning',
      historyDays: 0,
    });
  });
});

describe('isAnomalous', () => {
  const around = (expected: number, upper: number): ReadyBaseline => ({
    state: 'ready',
    expected,
    lower: 0,
    upper,
    level: expected,
    factor: 1,
    factors: [1, 1, 1, 1, 1, 1, 1],
    sigma: 0.1,
    noise: 0.1,
    shifted: false,
  });

  it('does not alert 15% over a baseline of 100, even above the band: the 20% floor', () => {
    expect(isAnomalous(115, around(100, 110), options)).toBe(false);
    expect(isAnomalous(119.99, around(100, 110), options)).toBe(false);
    expect(isAnomalous(120, around(100, 110), options)).toBe(true);
  });

  it('does not alert less than $5 over the expected day, however large in relative terms', () => {
    expect(isAnomalous(14.99, around(10, 12), options)).toBe(false);
    expect(isAnomalous(15, around(10, 12), options)).toBe(true);
  });

  it('does not alert a day at the top of its band', () => {
    expect(isAnomalous(130, around(100, 130), options)).toBe(false);
    expect(isAnomalous(130.01, around(100, 130), options)).toBe(true);
  });
});
