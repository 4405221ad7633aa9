import { describe, expect, it } from 'vitest';
import { type BudgetInputs, evaluate } from '../../src/act/budgets/evaluate.ts';
import { transition } from '../../src/act/budgets/transition.ts';
import type { BudgetView } from '../../src/app/budgets/view.ts';

const $ = (units: number) => BigInt(Math.round(units * 100)) * 10_000n;

const week: Omit<BudgetView, 'status'> = {
  id: 'eng-weekly',
  name: 'Eng weekly',
  origin: 'api',
  scope: { dimension: 'team', value: 'eng' },
  period: 'week',
  amount: '700',
  currency: 'USD',
  thresholds: [50, 80, 100],
  alertOnForecast: true,
};
const month = { ...week, id: 'eng-monthly', period: 'month' as const, amount: '500' };

const runRate = (spent: number, trailing: number, day = '2026-11-02'): BudgetInputs => ({
  tz: 'UTC',
  days: spent > 0 ? [{ day, micros: $(spent) }] : [],
  projection: { method: 'run-rate', trailingMicros: $(trailing) },
});

const forecast = (spent: number, p50: number, historyMonths?: number): BudgetInputs => ({
  tz: 'UTC',
  days: [{ day: '2026-11-01', micros: $(spent) }],
  projection: {
    method: 'forecast',
    p10: $(p50),
    p50: $(p50),
    p90: $(p50),
    overrunDate: '2026-11-20',
    ...(historyMonths === undefined ? {} : { historyMonths }),
  },
});

describe('a projection needs something behind it before it alerts', () => {
  it('does not call a week projected to exceed two hours in with nothing spent', () => {
    // last week spent 1400: its pace alone would put this week at 1383
    const twoHours = new Date('2026-11-02T02:00:00Z');
    const s = evaluate(week, runRate(0, 1400), twoHours);
    expect(s).toMatchObject({ spent: '0.000000', projected: '1383.333333', state: 'ok' });
    expect(transition(week, s, twoHours)).toEqual([]);
  });

  it('waits for a seventh of the period even with some spend, then alerts', () => {
    const early = new Date('2026-11-02T20:00:00Z'); // 20 h of 168
    expect(evaluate(week, runRate(10, 1400), early).state).toBe('ok');
    const dayIn = new Date('2026-11-03T00:00:00Z'); // exactly one day of seven
    const s = evaluate(week, runRate(10, 1400), dayIn);
    expect(s.state).toBe('projected_to_exceed');
    expect(transition(week, s, dayIn).map((e) => e.kind)).toEqual(['projected_to_exceed']);
  });

  it('never projects an overrun with nothing spent, however late in the period', () => {
    const friday = new Date('2026-11-06T12:00:00Z');
    expect(evaluate(week, runRate(0, 5000), friday).state).toBe('ok');
  });

  it('trusts a month forecast early when it learnt from a whole past month', () => {
    const secondDay = new Date('2026-11-02T06:00:00Z'); // 1¼ of 30 days: under a seventh
    expect(evaluate(month, forecast(40, 600), secondDay).state).toBe('ok');
    expect(evaluate(month, forecast(40, 600, 0), secondDay).state).toBe('ok');
    expect(evaluate(month, forecast(40, 600, 1), secondDay)).toMatchObject({
      state: 'projected_to_exceed',
      projectedOverrunDate: '2026-11-20',
    });
    expect(evaluate(month, forecast(0, 600, 3), secondDay).state).toBe('ok');
  });

  it('still says exceeded and warning at once: only the projection waits', () => {
    const twoHours = new Date('2026-11-02T02:00:00Z');
    expect(evaluate(week, runRate(400, 0), twoHours)).toMatchObject({ state: 'warning', crossed: [50] });
    expect(evaluate(week, runRate(700, 0), twoHours).state).toBe('exceeded');
  });
});
