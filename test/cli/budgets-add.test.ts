import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { budgetIdFromName } from '../../src/app/budgets/budget-id.ts';
import type { BudgetView } from '../../src/app/budgets/view.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { cli } from '../helpers/cli.ts';

describe('a budget id made from its name', () => {
  const none = new Set<string>();

  it('is the name in lower case with other characters as "-"', () => {
    expect(budgetIdFromName('ML monthly', none)).toBe('ml-monthly');
    expect(budgetIdFromName('  Team ML — Q4 (hard cap)! ', none)).toBe('team-ml-q4-hard-cap');
    expect(budgetIdFromName('Équipe café', none)).toBe('equipe-cafe');
    expect(budgetIdFromName('!!!', none)).toBe('budget');
  });

  it('takes the next free number when the id is taken, and stays within 64 characters', () => {
    expect(budgetIdFromName('ML monthly', new Set(['ml-monthly']))).toBe('ml-monthly-2');
    expect(budgetIdFromName('ML monthly', new Set(['ml-monthly', 'ml-monthly-2']))).toBe('ml-monthly-3');
    const long = budgetIdFromName('a'.repeat(80), new Set(['a'.repeat(64)]));
    expect(long).toBe(`${'a'.repeat(62)}-2`);
    expect(budgetIdFromName(`${'b'.repeat(63)} c`, none)).toBe('b'.repeat(63));
  });
});

describe('POST /api/v1/budgets without an id', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  const post = (body: unknown) =>
    t.app.inject({ method: 'POST', url: '/api/v1/budgets', headers: t.auth, payload: body as object });

  it('derives the id from the name, and a second one of the same name gets "-2"', async () => {
    const first = await post({ name: 'Search — Q4', amount: '100' });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ id: 'search-q4', name: 'Search — Q4', amount: '100' });
    const second = await post({ name: 'Search Q4', amount: '50', period: 'week' });
    expect(second.json()).toMatchObject({ id: 'search-q4-2', period: 'week' });
    const given = await post({ id: 'mine', name: 'Search Q4', amount: '50' });
    expect(given.json()).toMatchObject({ id: 'mine' });
  });

  it('still asks for an id when there is no name either', async () => {
    const answer = await post({ amount: '100' });
    expect(answer.statusCode).toBe(400);
    expect(answer.body).toContain('id');
  });
});

describe('spendlens budgets add', { timeout: 120_000 }, () => {
  const cwd = mkdtempSync(join(tmpdir(), 'spendlens-budgets-add-'));
  const run = (args: string[]) => cli(['budgets', ...args], { cwd });

  it('adds a budget with its id from the name, scope and period as given', async () => {
    const added = await run(['add', 'ML monthly', '--amount', '500', '--scope', 'team=ml', '--json']);
    expect(added.stderr).toBe('');
    expect(JSON.parse(added.stdout) as BudgetView).toMatchObject({
      id: 'ml-monthly',
      name: 'ML monthly',
      origin: 'api',
      scope: { dimension: 'team', value: 'ml' },
      period: 'month',
      amount: '500',
      status: { spent: '0.000000', state: 'ok' },
    });

    const each = await run(['add', 'ML monthly', '--amount', '20', '--period', 'day', '--scope', 'user=*']);
    expect(each.code).toBe(0);
    expect(each.stdout).toMatch(/│ ml-monthly-2 +│ user=\* \(each\) │ day +│ +\$20\.00 │/);

    const list = JSON.parse((await run(['--json'])).stdout) as BudgetView[];
    expect(list.map((b) => [b.id, b.scope])).toEqual([
      ['ml-monthly', { dimension: 'team', value: 'ml' }],
      ['ml-monthly-2', { dimension: 'user', each: true }],
    ]);
  });

  it('refuses a scope or a period it cannot read, saying what it takes', async () => {
    const scope = await run(['add', 'x', '--amount', '5', '--scope', 'team']);
    expect(scope.code).not.toBe(0);
    expect(scope.stderr).toContain('--scope team: use org, team=ml, user=* (each user) or tag:env=prod');
    const period = await run(['add', 'x', '--amount', '5', '--period', 'year']);
    expect(period.code).not.toBe(0);
    expect(period.stderr).toMatch(/period/);
  });
});
