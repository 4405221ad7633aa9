import { describe, expect, it } from 'vitest';
import { type BudgetInputs, evaluate } from '../../src/act/budgets/evaluate.ts';
import { transition } from '../../src/act/budgets/transition.ts';
import type { BudgetView } from '../../src/app/budgets/view.ts';

const $ = (units: number) => BigInt(Math.round(units * 100)) * 10_000n;

const budget: Omit<BudgetView, 'status'> = {
  id: 'ml-monthly',
  name: 'ML monthly',
  origin: 'api',
  scope: { dimension: 'team', value: 'ml' },
  period: 'month',
  amount: '500',
  currency: 'USD',
  thresholds: [50, 80, 100],
  alertOnForecast: true,
};
const now = new Date('2026-11-10T12:00:00Z');

const forecast = (
  days: BudgetInputs['days'],
  p50: number,
  overrunDate: string | null = null,
  band: [number, number] = [p50, p50],
): BudgetInputs => ({
  tz: 'UTC',
  days,
  projection: { method: 'forecast', p10: $(band[0]), p50: $(p50), p90: $(band[1]), overrunDate },
});

describe('evaluate at the edges of a budget', () => {
  it('counts a budget spent to exactly its amount as exceeded, on the day it got there', () => {
    const s = evaluate(
      budget,
      forecast(
        [
          { day: '2026-11-02', micros: $(300) },
          { day: '2026-11-04', micros: $(200) },
        ],
        500,
      ),
      now,
    );
    expect(s).toMatchObject({ state: 'exceeded', percent: 100, crossed: [50, 80, 100] });
    expect(s.projectedOverrunDate).toBe('2026-11-04');
  });

  it('dates the crossing by calendar day when the days come out of order', () => {
    const s = evaluate(
      budget,
      forecast(
        [
          { day: '2026-11-06', micros: $(250) },
          { day: '2026-11-02', micros: $(300) },
          { day: '2026-11-04', micros: $(10) },
        ],
        560,
      ),
      now,
    );
    // 300 on the 2nd, 310 on the 4th, 560 on the 6th
    expect(s).toMatchObject({ state: 'exceeded', spent: '560.000000' });
    expect(s.projectedOverrunDate).toBe('2026-11-06');
  });

  it('projects a forecast landing exactly on the amount to exceed it', () => {
    const s = evaluate(budget, forecast([{ day: '2026-11-03', micros: $(300) }], 500, '2026-11-30'), now);
    expect(s).toMatchObject({ state: 'projected_to_exceed', projectedOverrunDate: '2026-11-30' });
    const under = evaluate(budget, forecast([{ day: '2026-11-03', micros: $(300) }], 499.99), now);
    expect(under).toMatchObject({ state: 'warning', projectedOverrunDate: null });
  });

  it('is not projected to exceed when the forecast crosses only as the next period begins', () => {
    const s = evaluate(budget, forecast([{ day: '2026-11-03', micros: $(300) }], 600, '2026-12-01'), now);
    expect(s).toMatchObject({ state: 'warning', projectedOverrunDate: null, crossed: [50] });
  });

  it('gives a zero budget 0% rather than dividing by zero', () => {
    const zero = { ...budget, amount: '0' };
    const s = evaluate(zero, forecast([{ day: '2026-11-03', micros: $(0) }], 0), now);
    expect(s).toMatchObject({ percent: 0, state: 'exceeded' });
  });

  describe('day budgets at the run-rate', () => {
    const day = { ...budget, period: 'day' as const, amount: '100' };
    const noon = new Date('2026-11-02T12:00:00Z');
    const inputs = (spent: number, trailing: number): BudgetInputs => ({
      tz: 'UTC',
      days: [{ day: '2026-11-02', micros: $(spent) }],
      projection: { method: 'run-rate', trailingMicros: $(trailing) },
    });

    it('projects a pace landing exactly on the amount to exceed it, on that day', () => {
      // in micro-units: 1 spent, 19 over the last 24 h is 9.5 in the 12 h left, reaching the 10 at 23:22
      const tiny = { ...day, amount: '0.00001' };
      const at = (micros: bigint): BudgetInputs => ({
        tz: 'UTC',
        days: [{ day: '2026-11-02', micros: 1n }],
        projection: { method: 'run-rate', trailingMicros: micros },
      });
      expect(evaluate(tiny, at(19n), noon)).toMatchObject({
        projected: '0.000010',
        projectedOverrunDate: '2026-11-02',
        state: 'projected_to_exceed',
      });
      expect(evaluate(tiny, at(17n), noon)).toMatchObject({ projected: '0.000009', state: 'ok' });
    });

    it('projects no more spend from a quiet or refunded last 24 hours', () => {
      expect(evaluate(day, inputs(60, 0), noon)).toMatchObject({ projected: '60.000000', state: 'warning' });
      expect(evaluate(day, inputs(60, -20), noon)).toMatchObject({
        projected: '60.000000',
        state: 'warning',
      });
      expect(evaluate(day, inputs(120, 0), noon)).toMatchObject({
        projected: '120.000000',
        state: 'exceeded',
        projectedOverrunDate: '2026-11-02',
      });
    });
  });
});

describe('budget alerts as a channel receives them', () => {
  const statusOf = (spent: number, p50 = spent, overrun: string | null = null, band?: [number, number]) =>
    evaluate(budget, forecast([{ day: '2026-11-03', micros: $(spent) }], p50, overrun, band), now);

  it('sends the 50% crossing as a low-severity event with every number a webhook needs', () => {
    const s = statusOf(260);
    expect(transition(budget, s, now)).toEqual([
      {
        kind: 'threshold_crossed',
        dedupeKey: 'budget:ml-monthly:50:2026-11-01',
        severity: 'low',
        scope: { dimension: 'team', value: 'ml' },
        budgetId: 'ml-monthly',
        title: 'Budget "ML monthly" passed 50%: $260.00 of $500.00',
        text:
          'Team "ml" has spent $260.00 of its $500.00 monthly budget (52%) since 2026-11-01; projected $260.00 ' +
          'by the end of the period. The budget resets 2026-12-01.',
        facts: [
          { label: 'Budget', value: 'ML monthly (monthly, $500.00)' },
          { label: 'Scope', value: 'Team "ml"' },
          { label: 'Spent', value: '$260.00 (52%)' },
          { label: 'Projected', value: '$260.00' },
          { label: 'Resets', value: '2026-12-01' },
        ],
        link: '/budgets?id=ml-monthly',
        data: {
          budgetId: 'ml-monthly',
          currency: 'USD',
          amount: '500',
          spent: '260.000000',
          percent: 52,
          projected: '260.000000',
          projectedOverrunDate: null,
          periodStart: '2026-11-01T00:00:00Z',
          periodEnd: '2026-12-01T00:00:00Z',
          evaluatedAt: '2026-11-10T12:00:00.000Z',
          threshold: 50,
        },
      },
    ]);
  });

  it('sends the projection with its band and overrun day, at medium severity', () => {
    const events = transition(budget, statusOf(100, 612, '2026-11-24', [550, 700]), now);
    expect(events).toEqual([
      {
        kind: 'projected_to_exceed',
        dedupeKey: 'budget:ml-monthly:projected:2026-11-01',
        severity: 'medium',
        scope: { dimension: 'team', value: 'ml' },
        budgetId: 'ml-monthly',
        title: 'Budget "ML monthly" projected to be exceeded on 2026-11-24: $612.00 of $500.00',
        text:
          'Team "ml" has spent $100.00 of its $500.00 monthly budget (20%). At the current pace it reaches the ' +
          'budget on 2026-11-24 and ends the period at $612.00 (P10–P90 $550.00 – $700.00).',
        facts: [
          { label: 'Budget', value: 'ML monthly (monthly, $500.00)' },
          { label: 'Scope', value: 'Team "ml"' },
          { label: 'Spent', value: '$100.00 (20%)' },
          { label: 'Projected', value: '$612.00' },
          { label: 'Projected overrun', value: '2026-11-24' },
          { label: 'Resets', value: '2026-12-01' },
        ],
        link: '/budgets?id=ml-monthly',
        data: {
          budgetId: 'ml-monthly',
          currency: 'USD',
          amount: '500',
          spent: '100.000000',
          percent: 20,
          projected: '612.000000',
          projectedOverrunDate: '2026-11-24',
          periodStart: '2026-11-01T00:00:00Z',
          periodEnd: '2026-12-01T00:00:00Z',
          evaluatedAt: '2026-11-10T12:00:00.000Z',
        },
      },
    ]);
  });

  it('leaves the band out of a run-rate projection', () => {
    const day = { ...budget, id: 'd', period: 'day' as const, amount: '100', thresholds: [] };
    const s = evaluate(
      day,
      {
        tz: 'UTC',
        days: [{ day: '2026-11-02', micros: $(10) }],
        projection: { method: 'run-rate', trailingMicros: $(200) },
      },
      new Date('2026-11-02T12:00:00Z'),
    );
    const [event] = transition(day, s, now);
    expect(event?.text).toBe(
      'Team "ml" has spent $10.00 of its $100.00 daily budget (10%). At the current pace it reaches the ' +
        'budget on 2026-11-02 and ends the period at $110.00.',
    );
  });

  it('names the percent in the title of a budget passed beyond 100%', () => {
    const over = { ...budget, thresholds: [50, 100, 150] };
    const s = evaluate(over, forecast([{ day: '2026-11-03', micros: $(800) }], 800), now);
    const [event] = transition(over, s, now);
    expect(event).toMatchObject({
      kind: 'budget_exceeded',
      severity: 'high',
      title: 'Budget "ML monthly" exceeded 150%: $800.00 of $500.00',
    });
  });

  it('alerts nothing while no threshold is crossed', () => {
    expect(transition(budget, statusOf(100), now)).toEqual([]);
  });

  it('writes the scope of the whole org, of a tag and of a user as a reader would say it', () => {
    const textOf = (scope: BudgetView['scope']) => {
      const b = { ...budget, scope };
      return transition(b, statusOf(260), now)[0]?.text.split(' has spent')[0];
    };
    expect(textOf({ dimension: 'org' })).toBe('The org');
    expect(textOf({ dimension: 'tag:env', value: 'prod' })).toBe('Tag env "prod"');
    expect(textOf({ dimension: 'user', value: 'ada' })).toBe('User "ada"');
    expect(textOf({ dimension: 'project', value: 'tag:x' })).toBe('Project "tag:x"');
  });
});
