import { describe, expect, it } from 'vitest';
import { dailyBaseline } from '../../src/analyze/baseline.ts';
import { addDays } from '../../src/analyze/calendar.ts';
import { forecastMonth } from '../../src/analyze/forecast.ts';

// One big day eight months ago, nothing since: the series is known but idle over the whole window.
const values = [769_525.57, ...Array(240).fill(0)];
const start = '2026-03-23';
const today = addDays(start, values.length);

describe('a series that spent only long ago', () => {
  it('has a baseline of zero, not NaN', () => {
    const b = dailyBaseline({ values, firstWeekday: 1 });
    expect(b.state).toBe('ready');
    if (b.state !== 'ready') return;
    for (const n of [b.expected, b.lower, b.upper, b.sigma, b.level]) expect(Number.isFinite(n)).toBe(true);
    expect(b.expected).toBe(0);
  });

  it('forecasts the month as what it spent so far', () => {
    const f = forecastMonth({ history: { start, values }, today, todaySoFar: 0, elapsed: 0.5 });
    expect([f.p10, f.p50, f.p90]).toEqual([0, 0, 0]);
  });
});
