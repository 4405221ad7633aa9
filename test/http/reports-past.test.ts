import { afterEach, describe, expect, it } from 'vitest';
import { dayRange } from '../../src/analyze/calendar.ts';
import { runWeeklyReport } from '../../src/app/reports/run.ts';
import { startTestApp, type TestApp, testEngines } from '../helpers/app.ts';
import { type Receiver, startReceiver } from '../helpers/receiver.ts';
import { makeRecord } from '../helpers/records.ts';

/** Monday 7 December 2026, after the weekly report's tick. */
const NOW = new Date('2026-12-07T08:00:00Z');

describe.each(await testEngines('past reports'))('a report of a past period (%s)', (engine) => {
  let t: TestApp;
  let hook: Receiver | undefined;
  afterEach(async () => {
    await t?.close();
    await hook?.close();
  });
  const run = (payload: object) =>
    t.app.inject({ method: 'POST', url: '/api/v1/reports/run', headers: t.auth, payload });

  /** Team ml: $20 a day in November (under its $500 month), $200 a day in December (over). */
  async function seed() {
    t = await startTestApp({}, () => NOW, engine);
    const org = t.ctx.config.org;
    await t.ctx.usage.insertUsage(
      dayRange('2026-11-01', '2026-12-07').map((day) =>
        makeRecord({
          id: `ml-${day}`,
          org,
          team: 'ml',
          user: null,
          timestamp: new Date(`${day}T10:00:00Z`),
          costMicros: day < '2026-12-01' ? 20_000_000 : 200_000_000,
          costKind: 'billed',
        }),
      ),
    );
    const budget = await t.app.inject({
      method: 'POST',
      url: '/api/v1/budgets',
      headers: t.auth,
      payload: { id: 'ml-monthly', scope: { dimension: 'team', value: 'ml' }, amount: '500' },
    });
    expect(budget.statusCode).toBe(201);
    hook = await startReceiver();
    const channel = await t.app.inject({
      method: 'POST',
      url: '/api/v1/channels',
      headers: t.auth,
      payload: { id: 'reports', kind: 'webhook', url: `${hook.url}/in`, events: ['weekly_report'] },
    });
    expect(channel.statusCode).toBe(201);
  }

  it('shows budgets as they stood in its own period, and is archived without being sent', async () => {
    await seed();
    const past = await run({ kind: 'weekly', date: '2026-11-16' });
    expect(past.statusCode).toBe(201);
    expect(past.headers['x-spendlens-report-sent']).toBe('false');
    const report = past.json();
    expect(report).toMatchObject({ id: 'report-2026-W47', total: '140.000000' });
    // as of Sunday 22 November: 22 days of $20, the November period; not December's $1,200
    expect(report.budgets).toEqual([
      expect.objectContaining({
        id: 'ml-monthly',
        spent: '440.000000',
        percent: 88,
        periodEnd: '2026-12-01T00:00:00Z',
      }),
    ]);
    expect(report.budgets[0].state).not.toBe('exceeded');
    expect(hook?.received).toHaveLength(0);
    const stored = await t.ctx.alerting.listAlerts({ org: t.ctx.config.org, limit: 10 });
    expect(stored.filter((a) => a.event === 'weekly_report')).toEqual([]);
  });

  it('is sent when asked with send, once', async () => {
    await seed();
    expect((await run({ kind: 'weekly', date: '2026-11-16' })).headers['x-spendlens-report-sent']).toBe(
      'false',
    );
    const asked = await run({ kind: 'weekly', date: '2026-11-16', send: true });
    expect(asked.statusCode).toBe(200);
    expect(asked.headers['x-spendlens-report-sent']).toBe('true');
    expect(hook?.received.map((r) => JSON.parse(r.body).event)).toEqual(['weekly_report']);
    expect(
      (await run({ kind: 'weekly', date: '2026-11-16', send: true })).headers['x-spendlens-report-sent'],
    ).toBe('false');
    expect(hook?.received).toHaveLength(1);
  });

  it("sends the latest week's report, scheduled or asked for by a day of it, with that week's budgets", async () => {
    await seed();
    const latest = await run({ kind: 'weekly', date: '2026-12-02' });
    expect(latest.statusCode).toBe(201);
    expect(latest.headers['x-spendlens-report-sent']).toBe('true');
    expect(latest.json().budgets[0]).toMatchObject({ spent: '1200.000000', state: 'exceeded' });
    expect(hook?.received).toHaveLength(1);
    const scheduled = await runWeeklyReport(t.ctx, NOW);
    expect(scheduled).toMatchObject({ created: false, sent: false, past: false });
  });

  it('names the users of a budget of every user who need attention, as of its period', async () => {
    await seed();
    const org = t.ctx.config.org;
    await t.ctx.usage.insertUsage([
      makeRecord({
        id: 'zed-1',
        org,
        user: 'zed',
        timestamp: new Date('2026-11-17T10:00:00Z'),
        costMicros: 80_000_000,
        costKind: 'billed',
      }),
      makeRecord({
        id: 'yan-1',
        org,
        user: 'yan',
        timestamp: new Date('2026-11-17T10:00:00Z'),
        costMicros: 10_000_000,
        costKind: 'billed',
      }),
      makeRecord({
        id: 'yan-2',
        org,
        user: 'yan',
        timestamp: new Date('2026-12-02T10:00:00Z'),
        costMicros: 90_000_000,
        costKind: 'billed',
      }),
    ]);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/budgets',
      headers: t.auth,
      payload: { id: 'per-user', name: 'Per user', scope: { dimension: 'user', each: true }, amount: '50' },
    });
    expect(created.statusCode).toBe(201);
    const report = (await run({ kind: 'weekly', date: '2026-11-16' })).json();
    const perUser = report.budgets.filter((b: { id: string }) => b.id === 'per-user');
    expect(perUser).toEqual([
      expect.objectContaining({ name: 'Per user: zed', spent: '80.000000', state: 'exceeded' }),
    ]);
  });

  it('refuses send when it is not a boolean', async () => {
    await seed();
    expect((await run({ kind: 'weekly', date: '2026-11-16', send: 'yes' })).statusCode).toBe(400);
  });
});
