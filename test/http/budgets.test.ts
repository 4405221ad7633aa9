import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AlertEvent } from '../../src/act/alerts/event.ts';
import { evaluateAlerts } from '../../src/app/alerts/evaluate.ts';
import type { AppContext } from '../../src/app/context.ts';
import { openContext } from '../../src/app/open.ts';
import type { UsageRecord } from '../../src/domain/record.ts';
import { startTestApp, type TestApp, testEngines } from '../helpers/app.ts';
import { makeRecord } from '../helpers/records.ts';

const HOUR = 3_600_000;

/** A spendlens.toml with a config budget and a EUR rate. */
function configFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'spendlens-budgets-'));
  const file = join(dir, 'spendlens.toml');
  writeFileSync(
    file,
    [
      '[rates]',
      'EUR = "1.08"',
      '',
      '[[budgets]]',
      'id = "ml-monthly"',
      'name = "ML monthly"',
      'scope = { dimension = "team", value = "ml" }',
      'amount = "100"',
      'alert_on_forecast = false',
    ].join('\n'),
  );
  return file;
}

const record = (id: string, at: string, costMicros: number, extra: Partial<UsageRecord> = {}) =>
  makeRecord({
    id,
    org: 'default',
    team: 'ml',
    timestamp: new Date(at),
    costMicros,
    costKind: 'billed',
    ...extra,
  });

describe.each(await testEngines('the budgets API'))('budgets API and alerts (%s)', (engine) => {
  let t: TestApp;
  let clock = new Date('2026-11-10T12:00:00Z');
  const now = () => clock;
  /** Moves the clock to `iso` and answers it. */
  const tick = (iso: string) => {
    clock = new Date(iso);
    return clock;
  };
  afterEach(async () => {
    await t?.close();
  });
  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: t.auth, ...(payload ? { payload } : {}) });

  it('creates, reads, changes and deletes a budget, with audit entries', async () => {
    clock = new Date('2026-11-10T12:00:00Z');
    t = await startTestApp({}, now, engine);
    const created = await call('POST', '/api/v1/budgets', {
      id: 'web-weekly',
      scope: { dimension: 'team', value: 'web' },
      period: 'week',
      amount: 250,
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      id: 'web-weekly',
      name: 'web-weekly',
      origin: 'api',
      scope: { dimension: 'team', value: 'web' },
      period: 'week',
      amount: '250',
      currency: 'USD',
      thresholds: [50, 80, 100],
      alertOnForecast: true,
      status: {
        periodStart: '2026-11-09T00:00:00Z',
        periodEnd: '2026-11-16T00:00:00Z',
        spent: '0.000000',
        percent: 0,
        state: 'ok',
      },
    });
    const list = await call('GET', '/api/v1/budgets');
    expect(list.json().budgets.map((b: { id: string }) => b.id)).toEqual(['web-weekly']);
    const changed = await call('PUT', '/api/v1/budgets/web-weekly', {
      name: 'Web weekly',
      scope: { dimension: 'team', value: 'web' },
      period: 'week',
      amount: '300.50',
      thresholds: [90, 75],
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ name: 'Web weekly', amount: '300.50', thresholds: [75, 90] });
    expect((await call('GET', '/api/v1/budgets/web-weekly')).json().amount).toBe('300.50');
    expect((await call('DELETE', '/api/v1/budgets/web-weekly')).statusCode).toBe(204);
    const gone = await call('GET', '/api/v1/budgets/web-weekly');
    expect(gone.statusCode).toBe(404);
    expect(gone.json().error.message).toBe('no budget "web-weekly"');
    const audit = await t.ctx.audit.listAudit('default', 10);
    expect(audit.map((a) => a.action).sort()).toEqual(['budget.create', 'budget.delete', 'budget.update']);
    expect(audit.find((a) => a.action === 'budget.create')?.detail).toMatchObject({ id: 'web-weekly' });
  });

  it('refuses an invalid budget, naming each field path', async () => {
    t = await startTestApp({}, now, engine);
    const bad = await call('POST', '/api/v1/budgets', {
      id: 'Bad Id',
      scope: { dimension: 'team' },
      period: 'year',
      amount: '-5',
      thresholds: [0],
      colour: 'red',
    });
    expect(bad.statusCode).toBe(400);
    const paths = bad.json().error.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining(['id', 'scope.value', 'period', 'amount', 'thresholds.0', 'colour']),
    );
    expect(bad.json().error.message).toMatch(/scope\.value: a scope other than "org" needs a value/);
    const tag = await call('POST', '/api/v1/budgets', {
      id: 'x',
      scope: { dimension: 'tag env' },
      amount: 1,
    });
    expect(tag.json().error.message).toMatch(/^scope\.dimension: must be "org", a dimension/);
    const eur = await call('POST', '/api/v1/budgets', { id: 'x', amount: 1, currency: 'EUR' });
    expect(eur.statusCode).toBe(400);
    expect(eur.json().error.message).toBe(
      'currency: no exchange rate for EUR: add rates.EUR to spendlens.toml, or leave it out',
    );
    await call('POST', '/api/v1/budgets', { id: 'x', amount: 1 });
    const moved = await call('PUT', '/api/v1/budgets/x', { id: 'y', amount: 1 });
    expect(moved.json().error.message).toBe('id: must be "x" (a budget\'s id cannot change)');
    expect((await call('POST', '/api/v1/budgets', { id: 'x', amount: 2 })).statusCode).toBe(409);
  });

  it('shows a spendlens.toml budget as config, read-only through the API', async () => {
    t = await startTestApp({ SPENDLENS_CONFIG: configFile() }, now, engine);
    const list = (await call('GET', '/api/v1/budgets')).json().budgets;
    expect(list).toMatchObject([
      { id: 'ml-monthly', name: 'ML monthly', origin: 'config', alertOnForecast: false },
    ]);
    for (const res of [
      await call('PUT', '/api/v1/budgets/ml-monthly', { amount: 1 }),
      await call('DELETE', '/api/v1/budgets/ml-monthly'),
      await call('POST', '/api/v1/budgets', { id: 'ml-monthly', amount: 1 }),
    ]) {
      expect(res.statusCode).toBe(409);
      expect(res.json().error.message).toMatch(/^budget "ml-monthly" is managed by spendlens\.toml/);
    }
    expect((await call('GET', '/api/v1/budgets/ml-monthly')).json().origin).toBe('config');
  });

  it('answers live status with exact numbers, in the scope and the budget currency', async () => {
    clock = new Date('2026-11-10T12:00:00Z');
    t = await startTestApp({ SPENDLENS_CONFIG: configFile() }, now, engine);
    await t.ctx.usage.insertUsage([
      record('a', '2026-11-02T09:00:00Z', 12_345_678),
      record('b', '2026-11-05T09:00:00Z', 20_000_000),
      record('c', '2026-11-10T11:59:59Z', 7_654_322),
      record('october', '2026-10-31T23:59:59Z', 99_000_000),
      record('later', '2026-11-10T12:00:00Z', 99_000_000),
      record('web', '2026-11-03T09:00:00Z', 99_000_000, { team: 'web' }),
      record('prod', '2026-11-09T14:00:00Z', 3_000_000, { team: 'web', tags: { env: 'prod' } }),
    ]);
    await call('POST', '/api/v1/budgets', {
      id: 'ml-eur',
      scope: { dimension: 'team', value: 'ml' },
      amount: '50',
      currency: 'EUR',
    });
    await call('POST', '/api/v1/budgets', {
      id: 'prod-daily',
      scope: { dimension: 'tag:env', value: 'prod' },
      period: 'day',
      amount: '10',
    });
    const ml = (await call('GET', '/api/v1/budgets/ml-monthly')).json();
    expect(ml.status).toMatchObject({ spent: '40.000000', percent: 40, crossed: [] });
    expect(Number(ml.status.projected)).toBeGreaterThanOrEqual(40);
    // 40 USD at 1.08 USD per EUR
    const eur = (await call('GET', '/api/v1/budgets/ml-eur')).json();
    expect(eur).toMatchObject({
      currency: 'EUR',
      status: { spent: '37.037037', percent: 74.1, crossed: [50] },
    });
    // the tag budget: nothing today; yesterday's 3.00 over the last 24 h, half of the day left
    const prod = (await call('GET', '/api/v1/budgets/prod-daily')).json();
    expect(prod.status).toMatchObject({
      periodStart: '2026-11-10T00:00:00Z',
      periodEnd: '2026-11-11T00:00:00Z',
      spent: '0.000000',
      projected: '1.500000',
      projectedLow: null,
      state: 'ok',
    });
  });

  /**
   * A raise that stores each event once by its dedupe key, as raiseAlert does, and records the budget
   * events it was given (the alert job also detects anomalies, and these ledgers' steps are some).
   */
  function recorder(ctx: () => AppContext) {
    const raised: AlertEvent[] = [];
    const raise = async (event: AlertEvent) => {
      if (event.budgetId !== undefined) raised.push(event);
      return ctx().alerting.insertAlert({
        org: 'default',
        id: randomUUID(),
        dedupeKey: event.dedupeKey,
        event: event.kind,
        severity: event.severity,
        scopeDimension: event.scope?.dimension ?? null,
        scopeValue: event.scope?.value ?? null,
        budgetId: event.budgetId ?? null,
        title: event.title,
        payload: { text: event.text },
        deliveries: [],
        createdAt: clock,
      });
    };
    return { raised, raise };
  }

  it('alerts a threshold crossing once per period, across a restart, and again in the next period', async () => {
    clock = new Date('2026-11-04T12:00:00Z');
    t = await startTestApp({ SPENDLENS_CONFIG: configFile() }, now, engine);
    const { raised, raise } = recorder(() => t.ctx);
    await t.ctx.usage.insertUsage([
      record('d3', '2026-11-03T10:00:00Z', 30_000_000),
      record('d5', '2026-11-05T10:00:00Z', 30_000_000),
      record('d8', '2026-11-08T10:00:00Z', 25_000_000),
      record('dec', '2026-12-01T10:00:00Z', 55_000_000),
    ]);
    const run = async (at: string) => {
      const before = raised.length;
      await evaluateAlerts(t.ctx, tick(at), raise);
      return raised.length - before;
    };
    expect(await run('2026-11-04T12:00:00Z')).toBe(0);
    expect(await run('2026-11-06T12:00:00Z')).toBe(1);
    expect(await run('2026-11-06T12:05:00Z')).toBe(0);
    expect(raised.map((e) => e.dedupeKey)).toEqual(['budget:ml-monthly:50:2026-11-01']);
    expect(raised[0]).toMatchObject({
      kind: 'threshold_crossed',
      title: 'Budget "ML monthly" passed 50%: $60.00 of $100.00',
      link: '/budgets?id=ml-monthly',
      scope: { dimension: 'team', value: 'ml' },
    });

    // a restart mid-period: a new context on the same store remembers
    await t.ctx.store.close();
    const reopened = await openContext(t.ctx.config, now);
    // the app's context takes the reopened one's store and repositories (the recorder and t.close() use them)
    Object.assign(t.ctx, reopened);
    const runReopened = async (at: string) => {
      const before = raised.length;
      await evaluateAlerts(reopened, tick(at), raise);
      return raised.length - before;
    };
    expect(await runReopened('2026-11-07T12:00:00Z')).toBe(0);
    expect(await runReopened('2026-11-09T12:00:00Z')).toBe(1);
    expect(raised.at(-1)?.dedupeKey).toBe('budget:ml-monthly:80:2026-11-01');

    // the next period starts over
    expect(await runReopened('2026-12-02T12:00:00Z')).toBe(1);
    expect(raised.at(-1)?.dedupeKey).toBe('budget:ml-monthly:50:2026-12-01');
    const stored = await reopened.alerting.listAlerts({ org: 'default', limit: 100 });
    const budgetKeys = stored.map((a) => a.dedupeKey).filter((k) => k.startsWith('budget:'));
    expect(budgetKeys.sort()).toEqual([
      'budget:ml-monthly:50:2026-11-01',
      'budget:ml-monthly:50:2026-12-01',
      'budget:ml-monthly:80:2026-11-01',
    ]);
  });

  it('alerts "projected to exceed" on the day the projection crosses the amount, not the day before', async () => {
    clock = new Date('2026-11-09T12:00:00Z');
    t = await startTestApp({}, now, engine);
    const { raised, raise } = recorder(() => t.ctx);
    // 3.75 an hour (90 a day) until Wednesday 11 November, then 6.25 an hour (150 a day)
    const records: UsageRecord[] = [];
    for (let at = Date.parse('2026-11-01T00:00:00Z'); at < Date.parse('2026-11-16T00:00:00Z'); at += HOUR) {
      const micros = at < Date.parse('2026-11-11T00:00:00Z') ? 3_750_000 : 6_250_000;
      records.push(record(`h${at}`, new Date(at).toISOString(), micros));
    }
    await t.ctx.usage.insertUsage(records);
    await call('POST', '/api/v1/budgets', {
      id: 'ml-weekly',
      name: 'ML weekly',
      scope: { dimension: 'team', value: 'ml' },
      period: 'week',
      amount: '700',
      thresholds: [100],
    });
    const run = async (at: string) => {
      const before = raised.length;
      await evaluateAlerts(t.ctx, tick(at), raise);
      return raised.length - before;
    };
    for (const day of ['09', '10', '11']) expect(await run(`2026-11-${day}T12:00:00Z`)).toBe(0);
    // Wednesday: 255 spent + 660 a week's pace × 108 h of 168 left = 679.29, under 700
    expect((await call('GET', '/api/v1/budgets/ml-weekly')).json().status).toMatchObject({
      spent: '255.000000',
      projected: '679.285714',
      state: 'ok',
    });
    expect(await run('2026-11-12T12:00:00Z')).toBe(1);
    // Thursday: 405 + 720 × 84 / 168 = 765; 700 is reached 68.8 h on, early on Sunday
    expect((await call('GET', '/api/v1/budgets/ml-weekly')).json().status).toMatchObject({
      spent: '405.000000',
      percent: 57.9,
      projected: '765.000000',
      projectedOverrunDate: '2026-11-15',
      state: 'projected_to_exceed',
    });
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({
      kind: 'projected_to_exceed',
      dedupeKey: 'budget:ml-weekly:projected:2026-11-09',
      title: 'Budget "ML weekly" projected to be exceeded on 2026-11-15: $765.00 of $700.00',
    });
    expect(await run('2026-11-13T12:00:00Z')).toBe(0);
  });
});
