import { describe, expect, it } from 'vitest';
import { backtest } from '../../src/analyze/backtest.ts';
import { addDays, daysBetween } from '../../src/analyze/calendar.ts';
import { forecastMonth } from '../../src/analyze/forecast.ts';
import { overrunDate } from '../../src/analyze/overrun.ts';
import { linearRunRate, velocityForecast } from '../../src/analyze/run-rate.ts';
import { sum } from '../../src/analyze/stats.ts';
import { MONDAY, rhythm } from './series.ts';

// 16 weeks from Monday 2026-01-05: through Sunday 2026-04-26. "Today" is Wednesday 2026-03-18.
const full = rhythm(16);
const today = '2026-03-18';
const known = daysBetween(MONDAY, today);
const history = { start: MONDAY, values: full.values.slice(0, known) };
const march = sum(full.values.slice(daysBetween(MONDAY, '2026-03-01'), daysBetween(MONDAY, '2026-04-01')));

describe('forecastMonth', () => {
  it('projects a steady weekly rhythm to within 2%, with P10 ≤ P50 ≤ P90 around it', () => {
    const f = forecastMonth({ history, today, todaySoFar: 0, elapsed: 0 });
    expect(f.method).toBe('rhythm');
    expect(f.month).toBe('2026-03-01');
    expect(f.monthEnd).toBe('2026-04-01');
    expect(f.actualToDate).toBeCloseTo(sum(full.values.slice(daysBetween(MONDAY, '2026-03-01'), known)));
    expect(Math.abs(f.p50 - march) / march).toBeLessThan(0.02);
    expect(f.p10).toBeLessThan(f.p50);
    expect(f.p90).toBeGreaterThan(f.p50);
    expect(f.path).toHaveLength(14);
    // the path keeps the rhythm: Saturday 2026-03-21 well under Friday
    const by = new Map(f.path.map((p) => [p.day, p.expected]));
    expect(by.get('2026-03-21')!).toBeLessThan(0.5 * by.get('2026-03-20')!);
  });

  it('counts today so far and only the rest of today as still to come', () => {
    const f = forecastMonth({ history, today, todaySoFar: 60, elapsed: 0.5 });
    const fresh = forecastMonth({ history, today, todaySoFar: 0, elapsed: 0 });
    expect(f.actualToDate - fresh.actualToDate).toBe(60);
    expect(f.path[0]!.expected).toBeCloseTo(fresh.path[0]!.expected / 2);
  });

  it('falls back to the run-rate while the series is still learning', () => {
    const f = forecastMonth({
      history: { start: '2026-03-15', values: [10, 10, 10] },
      today,
      todaySoFar: 0,
      elapsed: 0,
    });
    expect(f.method).toBe('run-rate');
    expect(f.p50).toBeCloseTo((30 / 17) * 31);
  });

  it('dates the overrun of a budget along the P50 path, or from the days spent when already over', () => {
    const f = forecastMonth({ history, today, todaySoFar: 0, elapsed: 0 });
    const input = { history, today, todaySoFar: 0, forecast: f };
    expect(overrunDate({ ...input, budget: f.p50 * 2 })).toBeNull();
    // already over: Sunday 1st ~$30, Monday ~$100, Tuesday ~$100, so Wednesday the 4th passes $250
    const first = daysBetween(MONDAY, '2026-03-01');
    expect(sum(full.values.slice(first, first + 3))).toBeLessThan(250);
    expect(sum(full.values.slice(first, first + 4))).toBeGreaterThanOrEqual(250);
    expect(overrunDate({ ...input, budget: 250 })).toBe('2026-03-04');
    const target = f.actualToDate + f.path[0]!.expected + f.path[1]!.expected - 1;
    expect(overrunDate({ ...input, budget: target })).toBe(addDays(today, 1));
  });
});

describe('backtest and the plain baselines', () => {
  it("backtests on the series' own past months", () => {
    // January has too little history before it (the series starts on the 5th); February is tested
    const b = backtest(history, today, 17);
    expect(b.months).toBe(1);
    expect(b.byMonth[0]).toMatchObject({ month: '2026-02-01' });
    expect(b.mape).toBeLessThan(3);
    expect(backtest({ start: '2026-03-01', values: [1, 2, 3] }, today, 17)).toEqual({
      mape: null,
      months: 0,
      byMonth: [],
    });
  });

  it('computes the linear run-rate and the 7-day-velocity regression', () => {
    expect(linearRunRate(150, 15, 30)).toBe(300);
    // steady $10 a day: the velocity is flat at $70 a week
    expect(velocityForecast(Array(35).fill(10), 100, 10)).toBeCloseTo(200);
    // growing by $1 a day: velocities grow by $7 a day, so the next days continue the line
    const growing = Array.from({ length: 35 }, (_, i) => i + 1);
    expect(velocityForecast(growing, 0, 2)).toBeCloseTo(36 - 3 + 37 - 3);
  });
});
