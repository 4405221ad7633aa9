import { describe, expect, it } from 'vitest';
import { receives } from '../../src/act/alerts/route.ts';
import { type BudgetInputs, evaluate } from '../../src/act/budgets/evaluate.ts';
import { transition } from '../../src/act/budgets/transition.ts';
import type { BudgetMemberView, BudgetView } from '../../src/app/budgets/view.ts';

const $ = (units: number) => BigInt(Math.round(units * 100)) * 10_000n;
const now = new Date('2026-11-20T12:00:00Z');

const perUser: Omit<BudgetView, 'status'> = {
  id: 'per-user',
  name: 'Per user',
  origin: 'config',
  scope: { dimension: 'user', each: true },
  period: 'month',
  amount: '100',
  currency: 'USD',
  thresholds: [50, 100],
  alertOnForecast: true,
};

const spent = (units: number): BudgetInputs => ({
  tz: 'UTC',
  days: [{ day: '2026-11-05', micros: $(units) }],
  projection: { method: 'forecast', p10: $(units), p50: $(units), p90: $(units), overrunDate: null },
});
const member = (value: string, team: string | null, units: number): BudgetMemberView => ({
  value,
  team,
  status: evaluate(perUser, spent(units), now),
});

describe('a budget of every user', () => {
  const members = [member('ana', 'ml', 150), member('bo', null, 120), member('cy', 'ml', 20)];
  const view = { ...perUser, members };

  it('raises one event per user over, keyed and scoped to that user, none for the one under', () => {
    const events = transition(view, members[0]!.status, now);
    expect(events.map((e) => [e.kind, e.dedupeKey, e.scope, e.routeAlso])).toEqual([
      [
        'budget_exceeded',
        'budget:per-user:user=ana:100:2026-11-01',
        { dimension: 'user', value: 'ana' },
        [{ dimension: 'team', value: 'ml' }],
      ],
      [
        'budget_exceeded',
        'budget:per-user:user=bo:100:2026-11-01',
        { dimension: 'user', value: 'bo' },
        undefined,
      ],
    ]);
    expect(events[0]).toMatchObject({
      title: 'Budget "Per user" for user "ana" exceeded: $150.00 of $100.00',
      budgetId: 'per-user',
      link: '/budgets?id=per-user&member=ana',
      data: { member: 'ana', team: 'ml', spent: '150.000000' },
    });
    expect(events[0]?.text).toMatch(/^User "ana" has spent \$150\.00 of its \$100\.00 monthly budget/);
  });

  it('remembers each user apart: one alerted does not silence another', () => {
    const alerted = new Set(['budget:per-user:user=ana:100:2026-11-01']);
    expect(transition(view, members[0]!.status, now, alerted).map((e) => e.dedupeKey)).toEqual([
      'budget:per-user:user=bo:100:2026-11-01',
    ]);
  });

  it('raises nothing with no member, whatever its own status says', () => {
    expect(transition({ ...perUser, members: [] }, members[0]!.status, now)).toEqual([]);
    expect(transition(perUser, members[0]!.status, now)).toEqual([]);
  });

  it("reaches the user's team route, and not another team's", () => {
    const [event] = transition(view, members[0]!.status, now);
    const channel = (value: string) => ({
      enabled: true,
      events: undefined,
      scope: { dimension: 'team', value },
      minSeverity: 'high' as const,
    });
    expect(receives(channel('ml'), event!)).toBe(true);
    expect(receives(channel('web'), event!)).toBe(false);
    expect(receives({ ...channel('x'), scope: { dimension: 'user', value: 'ana' } }, event!)).toBe(true);
  });
});
