import { describe, expect, it } from 'vitest';
import type { BudgetView } from '../../src/app/budgets/view.ts';
import { renderBudgets } from '../../src/present/cli/commands/budgets.ts';

const view = (overrides: Partial<BudgetView> = {}): BudgetView => ({
  id: 'ml-monthly',
  name: 'ML monthly',
  origin: 'config',
  scope: { dimension: 'team', value: 'ml' },
  period: 'month',
  amount: '500',
  currency: 'USD',
  thresholds: [50, 80, 100],
  alertOnForecast: true,
  status: {
    periodStart: '2026-11-01T00:00:00+01:00',
    periodEnd: '2026-12-01T00:00:00+01:00',
    spent: '412.505000',
    percent: 82.5,
    projected: '612.000000',
    projectedLow: '580.000000',
    projectedHigh: '650.000000',
    projectedOverrunDate: '2026-11-24',
    state: 'projected_to_exceed',
    crossed: [50, 80],
  },
  ...overrides,
});

describe('spendlens budgets', () => {
  it('renders a table of scope, period, amount, spent, percent, projected, state and reset', () => {
    const org = view({
      id: 'org-daily',
      origin: 'api',
      scope: { dimension: 'org' },
      period: 'day',
      amount: '1234.5',
      status: {
        ...view().status,
        periodEnd: '2026-11-11T00:00:00Z',
        spent: '12.000000',
        percent: 1,
        projected: '30.000000',
        projectedLow: null,
        projectedHigh: null,
        projectedOverrunDate: null,
        state: 'ok',
        crossed: [],
      },
    });
    expect(renderBudgets([view(), org], false)).toMatchInlineSnapshot(`
      "┌─────────────────────┬─────────┬────────┬───────────┬─────────┬──────┬───────────┬─────────────────────────────┬──────────────────┐
      │ Budget              │ Scope   │ Period │    Amount │   Spent │    % │ Projected │ State                       │ Resets           │
      ├─────────────────────┼─────────┼────────┼───────────┼─────────┼──────┼───────────┼─────────────────────────────┼──────────────────┤
      │ ml-monthly (config) │ team=ml │ month  │   $500.00 │ $412.51 │ 82.5 │   $612.00 │ projected over (2026-11-24) │ 2026-12-01 00:00 │
      ├─────────────────────┼─────────┼────────┼───────────┼─────────┼──────┼───────────┼─────────────────────────────┼──────────────────┤
      │ org-daily           │ org     │ day    │ $1,234.50 │  $12.00 │  1.0 │    $30.00 │ ok                          │ 2026-11-11 00:00 │
      └─────────────────────┴─────────┴────────┴───────────┴─────────┴──────┴───────────┴─────────────────────────────┴──────────────────┘"
    `);
  });

  it('says how to add one when there are none', () => {
    expect(renderBudgets([], false)).toBe(
      'No budgets yet: spendlens budgets add <name> --amount <amount>, or [[budgets]] in spendlens.toml.',
    );
  });
});

describe('spendlens budgets, a budget of every user', () => {
  it('lists the budget, then each user that spent with their team, furthest along first', () => {
    const member = (value: string, team: string | null, spent: string, percent: number) => ({
      value,
      team,
      status: {
        ...view().status,
        spent,
        percent,
        projected: spent,
        projectedLow: null,
        projectedHigh: null,
        projectedOverrunDate: null,
        state: percent >= 100 ? ('exceeded' as const) : ('ok' as const),
        crossed: percent >= 100 ? [50, 80, 100] : [],
      },
    });
    const perUser = view({
      id: 'per-user',
      origin: 'api',
      scope: { dimension: 'user', each: true },
      amount: '100',
      members: [member('ana', 'ml', '150.000000', 150), member('cy', null, '20.000000', 20)],
    });
    expect(renderBudgets([perUser], false)).toMatchInlineSnapshot(`
      "┌──────────┬───────────────┬────────┬─────────┬─────────┬───────┬───────────┬─────────────────┬──────────────────┐
      │ Budget   │ Scope         │ Period │  Amount │   Spent │     % │ Projected │ State           │ Resets           │
      ├──────────┼───────────────┼────────┼─────────┼─────────┼───────┼───────────┼─────────────────┼──────────────────┤
      │ per-user │ user=* (each) │ month  │ $100.00 │         │       │           │ 1 of 2 exceeded │ 2026-12-01 00:00 │
      ├──────────┼───────────────┼────────┼─────────┼─────────┼───────┼───────────┼─────────────────┼──────────────────┤
      │   ana    │ team=ml       │        │         │ $150.00 │ 150.0 │   $150.00 │ EXCEEDED        │                  │
      ├──────────┼───────────────┼────────┼─────────┼─────────┼───────┼───────────┼─────────────────┼──────────────────┤
      │   cy     │               │        │         │  $20.00 │  20.0 │    $20.00 │ ok              │                  │
      └──────────┴───────────────┴────────┴─────────┴─────────┴───────┴───────────┴─────────────────┴──────────────────┘"
    `);
  });
});
