import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { evaluateAlerts } from '../../src/app/alerts/evaluate.ts';
import { raiseAlert } from '../../src/app/alerts/raise.ts';
import type { UsageRecord } from '../../src/domain/record.ts';
import { startTestApp, type TestApp, testEngines } from '../helpers/app.ts';
import { type Receiver, startReceiver } from '../helpers/receiver.ts';
import { makeRecord } from '../helpers/records.ts';

const record = (id: string, at: string, dollars: number, extra: Partial<UsageRecord>) =>
  makeRecord({
    id,
    org: 'default',
    timestamp: new Date(at),
    costMicros: dollars * 1_000_000,
    costKind: 'billed',
    ...extra,
  });

describe.each(await testEngines('per-user budgets'))('a budget of every user (%s)', (engine) => {
  let t: TestApp;
  const hooks: Receiver[] = [];
  let clock = new Date('2026-11-20T12:00:00Z');
  afterEach(async () => {
    await t?.close();
    await Promise.all(hooks.splice(0).map((h) => h.close()));
  });
  const call = (method: 'GET' | 'POST', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: t.auth, ...(payload ? { payload } : {}) });
  const hook = async () => {
    const h = await startReceiver();
    hooks.push(h);
    return h;
  };

  it('judges and alerts each user alone: two over, one alert each to their team; one under, none', async () => {
    clock = new Date('2026-11-20T12:00:00Z');
    t = await startTestApp({}, () => clock, engine);
    const created = await call('POST', '/api/v1/budgets', {
      id: 'per-user',
      name: 'Per user',
      scope: { dimension: 'user', each: true },
      amount: '100',
      thresholds: [80, 100],
      alertOnForecast: false,
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ scope: { dimension: 'user', each: true }, members: [] });
    await t.ctx.usage.insertUsage([
      record('a1', '2026-11-03T10:00:00Z', 90, { user: 'ana', team: 'ml' }),
      record('a2', '2026-11-12T10:00:00Z', 60, { user: 'ana', team: 'ml' }),
      record('b1', '2026-11-05T10:00:00Z', 120, { user: 'bo', team: 'web' }),
      record('c1', '2026-11-06T10:00:00Z', 40, { user: 'cy', team: 'ml' }),
      record('b0', '2026-10-30T10:00:00Z', 500, { user: 'bo', team: 'web' }),
      record('n1', '2026-11-06T10:00:00Z', 300, { user: null, team: 'ml' }),
    ]);
    const ml = await hook();
    const web = await hook();
    const all = await hook();
    for (const [id, h, team] of [
      ['ml-hook', ml, 'ml'],
      ['web-hook', web, 'web'],
      ['all-hook', all, null],
    ] as const) {
      const scope = team ? { scope: { dimension: 'team', value: team } } : {};
      expect(
        (await call('POST', '/api/v1/channels', { id, kind: 'webhook', url: `${h.url}/in`, ...scope }))
          .statusCode,
      ).toBe(201);
    }

    const view = (await call('GET', '/api/v1/budgets/per-user')).json();
    expect(
      view.members.map((m: { value: string; team: string; status: { spent: string; crossed: number[] } }) => [
        m.value,
        m.team,
        m.status.spent,
        m.status.crossed,
      ]),
    ).toEqual([
      ['ana', 'ml', '150.000000', [80, 100]],
      ['bo', 'web', '120.000000', [80, 100]],
      ['cy', 'ml', '40.000000', []],
    ]);
    expect(view.status).toMatchObject({ spent: '150.000000', percent: 150, state: 'exceeded' });

    const raise = (e: Parameters<typeof raiseAlert>[1]) => raiseAlert(t.ctx, e);
    expect(await evaluateAlerts(t.ctx, clock, raise)).toEqual({ events: 2 });
    const stored = await t.ctx.alerting.listAlerts({ org: 'default', limit: 100 });
    expect(stored.map((a) => [a.event, a.scopeDimension, a.scopeValue, a.dedupeKey]).sort()).toEqual([
      ['budget_exceeded', 'user', 'ana', 'budget:per-user:user=ana:100:2026-11-01'],
      ['budget_exceeded', 'user', 'bo', 'budget:per-user:user=bo:100:2026-11-01'],
    ]);
    const titles = (h: Receiver) => h.received.map((r) => JSON.parse(r.body).title as string).sort();
    expect(titles(ml)).toEqual([
      'Budget "Per user" for user "ana" exceeded 150%: $150.00 of $100.00'.replace(' 150%', ''),
    ]);
    expect(titles(web)).toEqual(['Budget "Per user" for user "bo" exceeded: $120.00 of $100.00']);
    expect(all.received).toHaveLength(2);
    expect(JSON.parse(ml.received[0]!.body)).toMatchObject({
      event: 'budget_exceeded',
      link: expect.stringContaining('/budgets?id=per-user&member=ana'),
    });

    // the next tick raises nothing again; cy crossing 80% alerts cy alone
    expect(await evaluateAlerts(t.ctx, clock, raise)).toEqual({ events: 0 });
    await t.ctx.usage.insertUsage([record('c2', '2026-11-20T13:00:00Z', 45, { user: 'cy', team: 'ml' })]);
    clock = new Date('2026-11-20T14:00:00Z');
    await evaluateAlerts(t.ctx, clock, raise);
    const after = await t.ctx.alerting.listAlerts({ org: 'default', limit: 100 });
    expect(
      after
        .filter((a) => a.budgetId === 'per-user')
        .map((a) => a.dedupeKey)
        .sort(),
    ).toEqual([
      'budget:per-user:user=ana:100:2026-11-01',
      'budget:per-user:user=bo:100:2026-11-01',
      'budget:per-user:user=cy:80:2026-11-01',
    ]);
    expect(titles(ml)).toContain('Budget "Per user" for user "cy" passed 80%: $85.00 of $100.00');
    expect(web.received).toHaveLength(1);
  });

  it('reads a budget of every user from spendlens.toml', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'spendlens-each-')), 'spendlens.toml');
    writeFileSync(
      file,
      [
        '[[budgets]]',
        'id = "per-person"',
        'scope = { dimension = "user", each = true }',
        'amount = "300"',
      ].join('\n'),
    );
    t = await startTestApp({ SPENDLENS_CONFIG: file }, () => clock, engine);
    await t.ctx.usage.insertUsage([record('a1', '2026-11-03T10:00:00Z', 90, { user: 'ana', team: 'ml' })]);
    const view = (await call('GET', '/api/v1/budgets/per-person')).json();
    expect(view).toMatchObject({
      origin: 'config',
      scope: { dimension: 'user', each: true },
      members: [{ value: 'ana', team: 'ml', status: { spent: '90.000000', percent: 30 } }],
    });
  });

  it('refuses a scope of every value with a value, or of the org', async () => {
    t = await startTestApp({}, () => clock, engine);
    const bad = async (scope: object) => {
      const r = await call('POST', '/api/v1/budgets', { id: 'x', scope, amount: '10' });
      expect(r.statusCode).toBe(400);
      return r.json().error.details?.errors ?? r.json().error.errors ?? r.json();
    };
    expect(JSON.stringify(await bad({ dimension: 'user', value: 'ana', each: true }))).toContain(
      'leave value out',
    );
    expect(JSON.stringify(await bad({ dimension: 'org', each: true }))).toContain(
      'each = true needs a dimension',
    );
    const ok = await call('POST', '/api/v1/budgets', {
      id: 'per-project',
      scope: { dimension: 'project', each: true },
      period: 'week',
      amount: '10',
    });
    expect(ok.statusCode).toBe(201);
  });
});
