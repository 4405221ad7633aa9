import { describe, expect, it } from 'vitest';
import { dailyBaseline } from '../../src/analyze/baseline.ts';
import { baselineAt, isAnomalous } from '../../src/analyze/daily.ts';
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
});
