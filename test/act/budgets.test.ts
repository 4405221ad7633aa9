import { describe, expect, it } from 'vitest';
import { type BudgetInputs, evaluate } from '../../src/act/budgets/evaluate.ts';
import { periodBounds, zonedIso } from '../../src/act/budgets/period.ts';
import { transition } from '../../src/act/budgets/transition.ts';
import type { BudgetView } from '../../src/app/budgets/view.ts';

const $ = (units: number) => BigInt(Math.round(units * 100)) * 10_000n;
const iso = (d: Date) => d.toISOString();

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

describe('periodBounds', () => {
  it('gives the UTC day, the ISO week from Monday and the calendar month', () => {
    const now = new Date('2026-11-05T15:00:00Z'); // a Thursday
    const day = periodBounds('day', now, 'UTC');
    expect([iso(day.start), iso(day.end)]).toEqual(['2026-11-05T00:00:00.000Z', '2026-11-06T00:00:00.000Z']);
    const week = periodBounds('week', now, 'UTC');
    expect([week.startDay, week.endDay]).toEqual(['2026-11-02', '2026-11-09']);
    const month = periodBounds('month', now, 'UTC');
    expect([iso(month.start), iso(month.end)]).toEqual([
      '2026-11-01T00:00:00.000Z',
      '2026-12-01T00:00:00.000Z',
    ]);
    // Sunday still belongs to the week that began on Monday
    expect(periodBounds('week', new Date('2026-11-08T23:59:59Z'), 'UTC').startDay).toBe('2026-11-02');
  });

  it('takes local midnights in the configured zone, as UTC instants', () => {
    // 00:30 on 1 November in Berlin is still 31 October in UTC
    const now = new Date('2026-10-31T23:30:00Z');
    const month = periodBounds('month', now, 'Europe/Berlin');
    expect(month.startDay).toBe('2026-11-01');
    expect([iso(month.start), iso(month.end)]).toEqual([
      '2026-10-31T23:00:00.000Z',
      '2026-11-30T23:00:00.000Z',
    ]);
    expect(periodBounds('month', now, 'UTC').startDay).toBe('2026-10-01');
    const ny = periodBounds('month', new Date('2026-11-15T12:00:00Z'), 'America/New_York');
    expect([iso(ny.start), iso(ny.end)]).toEqual(['2026-11-01T04:00:00.000Z', '2026-12-01T05:00:00.000Z']);
  });

  it('lets periods across a DST change be 23 or 25 hours longer or shorter', () => {
    const autumn = periodBounds('day', new Date('2026-10-25T12:00:00Z'), 'Europe/Berlin');
    expect([iso(autumn.start), iso(autumn.end)]).toEqual([
      '2026-10-24T22:00:00.000Z',
      '2026-10-25T23:00:00.000Z',
    ]);
    expect(autumn.end.getTime() - autumn.start.getTime()).toBe(25 * 3_600_000);
    const spring = periodBounds('week', new Date('2026-03-29T12:00:00Z'), 'Europe/Berlin');
    expect([iso(spring.start), iso(spring.end)]).toEqual([
      '2026-03-22T23:00:00.000Z',
      '2026-03-29T22:00:00.000Z',
    ]);
    expect(spring.end.getTime() - spring.start.getTime()).toBe(167 * 3_600_000);
  });

  it('writes instants in local time with their offset', () => {
    expect(zonedIso(new Date('2026-10-31T23:00:00Z'), 'Europe/Berlin')).toBe('2026-11-01T00:00:00+01:00');
    expect(zonedIso(new Date('2026-11-01T04:00:00Z'), 'America/New_York')).toBe('2026-11-01T00:00:00-04:00');
    expect(zonedIso(new Date('2026-11-01T00:00:00Z'), 'UTC')).toBe('2026-11-01T00:00:00Z');
  });
});

describe('evaluate', () => {
  const monthInputs = (spent: number, p50: number, overrunDate: string | null = null): BudgetInputs => ({
    tz: 'UTC',
    days: [{ day: '2026-11-03', micros: $(spent) }],
    projection: { method: 'forecast', p10: $(p50 * 0.9), p50: $(p50), p90: $(p50 * 1.1), overrunDate },
  });
  const now = new Date('2026-11-10T12:00:00Z');

  it('reports spent, percent, thresholds crossed and the forecast band exactly', () => {
    const s = evaluate(budget, monthInputs(412.5, 480), now);
    expect(s).toEqual({
      periodStart: '2026-11-01T00:00:00Z',
      periodEnd: '2026-12-01T00:00:00Z',
      spent: '412.500000',
      percent: 82.5,
      projected: '480.000000',
      projectedLow: '432.000000',
      projectedHigh: '528.000000',
      projectedOverrunDate: null,
      state: 'warning',
      crossed: [50, 80],
    });
  });

  it('crosses a threshold on the exact micro-unit, and rounds percent to one decimal', () => {
    const just = evaluate(
      budget,
      { ...monthInputs(0, 300), days: [{ day: '2026-11-03', micros: 249_999_999n }] },
      now,
    );
    expect(just.crossed).toEqual([]);
    expect(just.state).toBe('ok');
    expect(just.percent).toBe(50);
    const at = evaluate(
      budget,
      { ...monthInputs(0, 300), days: [{ day: '2026-11-03', micros: 250_000_000n }] },
      now,
    );
    expect(at.crossed).toEqual([50]);
  });

  it('is projected to exceed when the forecast crosses the amount in the period', () => {
    const s = evaluate(budget, monthInputs(300, 560, '2026-11-26'), now);
    expect(s.state).toBe('projected_to_exceed');
    expect(s.projectedOverrunDate).toBe('2026-11-26');
    expect(s.crossed).toEqual([50]);
  });

  it('dates the overrun by spreading the rest evenly when the forecast has no daily path yet', () => {
    // 300 spent at noon on the 10th, 780 projected: 200 of the 480 to come over the 20.5 days left is
    // 8.54 days on, just after midnight on the 19th
    expect(evaluate(budget, monthInputs(300, 780), now).projectedOverrunDate).toBe('2026-11-19');
  });

  it('once exceeded, dates the overrun on the day spend reached the amount', () => {
    const s = evaluate(
      budget,
      {
        ...monthInputs(0, 700),
        days: [
          { day: '2026-11-02', micros: $(300) },
          { day: '2026-11-05', micros: $(250) },
          { day: '2026-11-09', micros: $(10) },
        ],
      },
      now,
    );
    expect(s).toMatchObject({ state: 'exceeded', spent: '560.000000', percent: 112, crossed: [50, 80, 100] });
    expect(s.projectedOverrunDate).toBe('2026-11-05');
  });

  it('projects a day budget at the pace of the last 24 hours, dated in the zone', () => {
    const day = { ...budget, period: 'day' as const, amount: '100' };
    const noon = new Date('2026-11-02T12:00:00Z');
    const inputs = (trailing: number): BudgetInputs => ({
      tz: 'UTC',
      days: [{ day: '2026-11-02', micros: $(60) }],
      projection: { method: 'run-rate', trailingMicros: $(trailing) },
    });
    // 60 spent, 90 over the last 24 h: 45 more in the 12 h left → 105, crossing at 22:40
    const over = evaluate(day, inputs(90), noon);
    expect(over).toMatchObject({
      projected: '105.000000',
      projectedLow: null,
      projectedHigh: null,
      projectedOverrunDate: '2026-11-02',
      state: 'projected_to_exceed',
      crossed: [50],
    });
    // 70 over 24 h: 35 more → 95, under the amount
    expect(evaluate(day, inputs(70), noon)).toMatchObject({ projected: '95.000000', state: 'warning' });
  });

  it('projects a week budget to the day its run-rate crosses the amount, not past the period', () => {
    const week = { ...budget, period: 'week' as const, amount: '700' };
    const wednesday = new Date('2026-11-04T00:00:00Z'); // 2 of 7 days gone, 5 left
    const inputs = (spent: number, trailing: number): BudgetInputs => ({
      tz: 'UTC',
      days: [{ day: '2026-11-02', micros: $(spent) }],
      projection: { method: 'run-rate', trailingMicros: $(trailing) },
    });
    // 200 spent, 140 a day: 500 more is 3.57 days → Saturday 2026-11-07
    expect(evaluate(week, inputs(200, 980), wednesday).projectedOverrunDate).toBe('2026-11-07');
    // 100 a day: exactly 700 at Monday's midnight, the next period
    expect(evaluate(week, inputs(200, 700), wednesday)).toMatchObject({
      projected: '700.000000',
      projectedOverrunDate: null,
      state: 'ok',
    });
  });
});

describe('transition', () => {
  const now = new Date('2026-11-10T12:00:00Z');
  const status = (spent: number, p50 = spent, overrun: string | null = null) =>
    evaluate(
      budget,
      {
        tz: 'UTC',
        days: [{ day: '2026-11-03', micros: $(spent) }],
        projection: { method: 'forecast', p10: $(p50), p50: $(p50), p90: $(p50), overrunDate: overrun },
      },
      now,
    );

  it('alerts the highest threshold newly crossed, once, with exact money', () => {
    const [event, ...rest] = transition(budget, status(412.5), now);
    expect(rest).toEqual([]);
    expect(event).toMatchObject({
      kind: 'threshold_crossed',
      dedupeKey: 'budget:ml-monthly:80:2026-11-01',
      severity: 'medium',
      scope: { dimension: 'team', value: 'ml' },
      budgetId: 'ml-monthly',
      title: 'Budget "ML monthly" passed 80%: $412.50 of $500.00',
      link: '/budgets?id=ml-monthly',
    });
    expect(event?.facts).toContainEqual({ label: 'Spent', value: '$412.50 (82.5%)' });
    expect(event?.text).toContain('Team "ml" has spent $412.50 of its $500.00 monthly budget (82.5%)');
  });

  it('rounds money in titles to the cent exactly, half away from zero', () => {
    const big = { ...budget, amount: '1000.005' };
    const s = evaluate(
      big,
      {
        tz: 'UTC',
        days: [{ day: '2026-11-03', micros: 1_234_565_000n }],
        projection: { method: 'forecast', p10: 0n, p50: 0n, p90: 0n, overrunDate: null },
      },
      now,
    );
    expect(transition(big, s, now)[0]?.title).toBe('Budget "ML monthly" exceeded: $1,234.57 of $1,000.01');
  });

  it('takes a higher alert as standing for the lower thresholds', () => {
    const done80 = new Set(['budget:ml-monthly:80:2026-11-01']);
    expect(transition(budget, status(412.5), now, done80)).toEqual([]);
    // spend revised down under 80%: 50% is not announced after 80%
    expect(transition(budget, status(390), now, done80)).toEqual([]);
    const exceeded = transition(budget, status(510), now, done80);
    expect(exceeded.map((e) => [e.kind, e.dedupeKey, e.severity])).toEqual([
      ['budget_exceeded', 'budget:ml-monthly:100:2026-11-01', 'high'],
    ]);
    expect(exceeded[0]?.title).toBe('Budget "ML monthly" exceeded: $510.00 of $500.00');
  });

  it('keys crossings by period, so the next period alerts again', () => {
    const december = evaluate(
      budget,
      {
        tz: 'UTC',
        days: [{ day: '2026-12-02', micros: $(260) }],
        projection: { method: 'forecast', p10: $(260), p50: $(260), p90: $(260), overrunDate: null },
      },
      new Date('2026-12-03T00:00:00Z'),
    );
    const done = new Set(['budget:ml-monthly:80:2026-11-01']);
    expect(transition(budget, december, now, done).map((e) => e.dedupeKey)).toEqual([
      'budget:ml-monthly:50:2026-12-01',
    ]);
  });

  it('says once a period that the projection will cross the amount, when asked to', () => {
    const s = status(300, 612, '2026-11-24');
    const events = transition(budget, s, now);
    expect(events.map((e) => [e.kind, e.dedupeKey])).toEqual([
      ['threshold_crossed', 'budget:ml-monthly:50:2026-11-01'],
      ['projected_to_exceed', 'budget:ml-monthly:projected:2026-11-01'],
    ]);
    expect(events[1]?.title).toBe(
      'Budget "ML monthly" projected to be exceeded on 2026-11-24: $612.00 of $500.00',
    );
    const done = new Set(events.map((e) => e.dedupeKey));
    expect(transition(budget, s, now, done)).toEqual([]);
    expect(transition({ ...budget, alertOnForecast: false }, s, now).map((e) => e.kind)).toEqual([
      'threshold_crossed',
    ]);
  });

  it('leaves the scope null for an org budget', () => {
    const org = { ...budget, scope: { dimension: 'org' } };
    expect(transition(org, status(260), now)[0]?.scope).toBeNull();
  });
});
