import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayRange } from '../../src/analyze/calendar.ts';
import type { AppContext } from '../../src/app/context.ts';
import { startJobs } from '../../src/app/jobs.ts';
import { runDailySummary, runWeeklyReport } from '../../src/app/reports/run.ts';
import { startTestApp, type TestApp, testEngines } from '../helpers/app.ts';
import { makeRecord } from '../helpers/records.ts';

const engines = await testEngines('reports');

/** Monday of ISO week 2026-W48, after the weekly report's 07:00 tick. */
const MONDAY = new Date('2026-11-23T07:30:00Z');

/**
 * Four weeks of $100 a day (team ml $60 on project search, team web $40 on project chat), then
 * Sunday 22 November at $150.000001: ml spends $110 and one record costs a single micro-unit.
 * Week 47 (16–22 Nov): $750.000001 against week 46's $700.
 */
async function seedLedger(ctx: AppContext): Promise<void> {
  const org = ctx.config.org;
  const records = dayRange('2026-10-25', '2026-11-23').flatMap((day) => {
    const at = new Date(`${day}T10:00:00Z`);
    const sunday = day === '2026-11-22';
    return [
      makeRecord({
        id: `ml-${day}`,
        org,
        timestamp: at,
        team: 'ml',
        project: 'search',
        user: 'ana',
        model: 'gpt-4o',
        costMicros: sunday ? 110_000_000 : 60_000_000,
        outputTokens: 1000,
      }),
      makeRecord({
        id: `web-${day}`,
        org,
        timestamp: at,
        team: 'web',
        project: 'chat',
        user: 'ben',
        model: 'claude-sonnet-4-5',
        provider: 'anthropic',
        costMicros: 40_000_000,
        outputTokens: 1000,
      }),
    ];
  });
  records.push(
    makeRecord({
      id: 'odd',
      org,
      timestamp: new Date('2026-11-22T23:59:00Z'),
      team: 'web',
      project: 'chat',
      user: 'zoe',
      costMicros: 1,
      outputTokens: 0,
    }),
  );
  await ctx.usage.insertUsage(records);
}

describe.each(engines)('reports on %s', (engine) => {
  let t: TestApp;
  let now = MONDAY;
  beforeAll(async () => {
    t = await startTestApp({}, () => now, engine);
    await seedLedger(t.ctx);
  });
  afterAll(async () => {
    await t.close();
  });

  const get = (url: string) => t.app.inject({ url, headers: t.auth });

  it('archives the daily summary of yesterday with exact numbers', async () => {
    const run = await runDailySummary(t.ctx, now);
    expect(run.created).toBe(true);
    const r = run.report;
    expect(r.kind).toBe('daily');
    if (r.kind !== 'daily') return;
    expect(r).toMatchObject({
      id: 'daily-2026-11-22',
      total: '150.000001',
      changePercent: 50,
      baseline: { expected: '100.000000' },
      lastWeek: { day: '2026-11-15', total: '100.000000', changePercent: 50 },
      requests: 3,
      outputTokens: 2000,
    });
    expect(r.top.team.map((l) => [l.value, l.cost, l.share])).toEqual([
      ['ml', '110.000000', 73.3],
      ['web', '40.000001', 26.7],
    ]);
    expect(r.top.project[0]).toMatchObject({ value: 'search', costPerOutputToken: '0.110000000000' });
    // $150.000001 over 2,000 output tokens, exact to 12 places
    expect(r.costPerOutputToken).toBe('0.075000000500');
    expect(r.top.user.map((l) => l.value)).toEqual(['ana', 'ben', 'zoe']);
  });

  it('archives the previous ISO week with the week-on-week comparison', async () => {
    const run = await runWeeklyReport(t.ctx, now);
    expect(run.created).toBe(true);
    const r = run.report;
    if (r.kind !== 'weekly') throw new Error('expected a weekly report');
    expect(r).toMatchObject({
      id: 'report-2026-W47',
      week: '2026-W47',
      periodStart: '2026-11-16T00:00:00.000Z',
      periodEnd: '2026-11-23T00:00:00.000Z',
      total: '750.000001',
      previousTotal: '700.000000',
      change: '50.000001',
      changePercent: 7.1,
    });
    expect(r.top.team[0]).toEqual({
      dimension: 'team',
      value: 'ml',
      cost: '470.000000',
      previous: '420.000000',
      change: '50.000000',
      changePercent: 11.9,
      share: 62.7,
    });
    expect(r.days.map((d) => d.total)).toEqual([...Array(6).fill('100.000000'), '150.000001']);
    // The single micro-unit on gpt-4o makes the model the biggest mover, by exactly that much.
    expect(r.movers.slice(0, 2)).toMatchObject([
      { dimension: 'model', value: 'gpt-4o', change: '50.000001' },
      { dimension: 'team', value: 'ml', change: '50.000000' },
    ]);
  });

  it('lists the archive, newest period first, and filters by kind', async () => {
    const all = (await get('/api/v1/reports')).json().reports;
    expect(all.map((r: { id: string }) => r.id)).toEqual(['daily-2026-11-22', 'report-2026-W47']);
    const weekly = (await get('/api/v1/reports?kind=weekly')).json().reports;
    expect(weekly).toEqual([
      {
        id: 'report-2026-W47',
        kind: 'weekly',
        periodStart: '2026-11-16T00:00:00.000Z',
        periodEnd: '2026-11-23T00:00:00.000Z',
        createdAt: MONDAY.toISOString(),
        total: '750.000001',
        currency: 'USD',
        changePercent: 7.1,
      },
    ]);
    expect((await get('/api/v1/reports?kind=monthly')).statusCode).toBe(400);
  });

  it('answers a report as JSON, an HTML page with its numbers, and CSV', async () => {
    const json = (await get('/api/v1/reports/report-2026-W47')).json();
    expect(json.total).toBe('750.000001');
    // $750.000001 over 14,000 output tokens: an exact decimal string like all money, rounded at 12 places
    expect(json.costPerOutputToken).toBe('0.053571428643');
    const html = await get('/api/v1/reports/report-2026-W47/html');
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.body).toContain('$750.00');
    expect(html.body).toContain('$700.00');
    expect(html.body).toContain('+7.1%');
    expect(html.body).toContain('$470.00');
    const csv = await get('/api/v1/reports/report-2026-W47/csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="report-2026-W47.csv"');
    const rows = parse(csv.body, { columns: true }) as Record<string, string>[];
    expect(rows[0]).toMatchObject({
      section: 'total',
      cost: '750.000001',
      previous: '700.000000',
      change: '50.000001',
    });
    expect(rows.filter((r) => r.section === 'day').map((r) => r.value)).toEqual(
      dayRange('2026-11-16', '2026-11-23'),
    );
    expect(rows.find((r) => r.dimension === 'team' && r.value === 'web')).toMatchObject({
      cost: '280.000001',
      previous: '280.000000',
    });
    expect((await get('/api/v1/reports/report-1999-W01')).statusCode).toBe(404);
  });

  it('reads a report archived when rates were floats back with exact decimal rates', async () => {
    const stored = await t.ctx.alerting.getReport(t.ctx.config.org, 'daily-2026-11-22');
    if (!stored) throw new Error('the daily summary was archived above');
    const content = JSON.parse(JSON.stringify(stored.content));
    content.id = 'daily-2026-10-30';
    // as the float the report used to hold
    content.costPerOutputToken = 150.000001 / 2000;
    content.top.project[0].costPerOutputToken = 0.11;
    content.top.user[0].costPerOutputToken = null;
    await t.ctx.alerting.insertReport({ ...stored, id: 'daily-2026-10-30', content });
    const json = (await get('/api/v1/reports/daily-2026-10-30')).json();
    expect(json.costPerOutputToken).toBe('0.075000000500');
    expect(json.top.project[0].costPerOutputToken).toBe('0.110000000000');
    expect(json.top.user[0].costPerOutputToken).toBeNull();
    expect((await get('/api/v1/reports/daily-2026-10-30/html')).body).toContain('$75,000.00');
  });

  it('never changes an archived report when it runs again', async () => {
    const before = (await get('/api/v1/reports/report-2026-W47')).json();
    await t.ctx.usage.insertUsage([
      makeRecord({
        id: 'late',
        org: t.ctx.config.org,
        timestamp: new Date('2026-11-20T12:00:00Z'),
        costMicros: 5_000_000,
      }),
    ]);
    now = new Date(MONDAY.getTime() + 3_600_000);
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/reports/run',
      headers: t.auth,
      payload: { kind: 'weekly', date: '2026-11-18' },
    });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(before);
    expect((await runWeeklyReport(t.ctx, now)).created).toBe(false);
    expect((await get('/api/v1/reports/report-2026-W47')).json()).toEqual(before);
  });

  it('runs a report for a chosen day on demand, but not for a day under way', async () => {
    const run = await t.app.inject({
      method: 'POST',
      url: '/api/v1/reports/run',
      headers: t.auth,
      payload: { kind: 'daily', date: '2026-11-21' },
    });
    expect(run.statusCode).toBe(201);
    expect(run.json()).toMatchObject({ id: 'daily-2026-11-21', total: '100.000000' });
    const today = await t.app.inject({
      method: 'POST',
      url: '/api/v1/reports/run',
      headers: t.auth,
      payload: { kind: 'daily', date: '2026-11-23' },
    });
    expect(today.statusCode).toBe(400);
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/reports/run',
      headers: t.auth,
      payload: { kind: 'yearly' },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      ['PUT', 'DELETE'].map((m) => t.app.hasRoute({ method: m as 'PUT', url: '/api/v1/reports/:id' })),
    ).toEqual([false, false]);
  });

  it('deletes archives past reports.retention_days after the weekly run', async () => {
    now = new Date('2025-10-01T08:00:00Z');
    const old = await t.app.inject({
      method: 'POST',
      url: '/api/v1/reports/run',
      headers: t.auth,
      payload: { kind: 'daily', date: '2025-09-30' },
    });
    expect(old.statusCode).toBe(201);
    now = new Date(MONDAY.getTime() + 2 * 3_600_000);
    await runWeeklyReport(t.ctx, now);
    const ids = (await get('/api/v1/reports')).json().reports.map((r: { id: string }) => r.id);
    expect(ids).not.toContain('daily-2025-09-30');
    expect(ids).toContain('report-2026-W47');
  });
});

describe.each(engines)('scheduled jobs catching up on %s', (engine) => {
  let t: TestApp;
  let now = MONDAY;
  const org = () => t.ctx.config.org;
  beforeAll(async () => {
    t = await startTestApp({}, () => now, engine);
    await seedLedger(t.ctx);
  });
  afterAll(async () => {
    await t.close();
  });

  const start = async () => {
    const scheduler = await startJobs(t.ctx, () => undefined);
    await scheduler.caughtUp;
    await scheduler.stop();
  };

  it('runs every job once at the first start when the ledger has spend', async () => {
    await start();
    const reports = await t.ctx.alerting.listReports({ org: org(), limit: 100 });
    expect(reports.map((r) => r.id).sort()).toEqual(['daily-2026-11-22', 'report-2026-W47']);
    for (const job of ['alerts:evaluate', 'reports:daily', 'reports:weekly']) {
      expect(await t.ctx.alerting.getJobRun(org(), job)).toEqual(MONDAY);
    }
    const sent = await t.ctx.alerting.listAlerts({
      org: org(),
      events: ['daily_summary', 'weekly_report'],
      limit: 10,
    });
    expect(sent.map((a) => a.dedupeKey).sort()).toEqual(['daily-2026-11-22', 'report-2026-W47']);
  });

  it('runs a job that was due while down once at start, not once per missed tick', async () => {
    // Down since the 18th's summary: seven daily ticks missed; the weekly report is not due until Monday.
    await t.ctx.alerting.putJobRun(org(), 'reports:daily', new Date('2026-11-18T06:00:00Z'));
    now = new Date('2026-11-26T07:00:00Z');
    await start();
    const reports = await t.ctx.alerting.listReports({ org: org(), kind: 'daily', limit: 100 });
    expect(reports.map((r) => r.id)).toEqual(['daily-2026-11-25', 'daily-2026-11-22']);
    expect(await t.ctx.alerting.getJobRun(org(), 'reports:daily')).toEqual(now);
    expect(await t.ctx.alerting.getJobRun(org(), 'alerts:evaluate')).toEqual(now);
    expect(await t.ctx.alerting.getJobRun(org(), 'reports:weekly')).toEqual(MONDAY);
  });

  it('runs nothing on a restart when nothing fell due', async () => {
    const ranAt = now;
    now = new Date(ranAt.getTime() + 60_000);
    await start();
    for (const job of ['alerts:evaluate', 'reports:daily']) {
      expect(await t.ctx.alerting.getJobRun(org(), job)).toEqual(ranAt);
    }
    expect(await t.ctx.alerting.listReports({ org: org(), limit: 100 })).toHaveLength(3);
  });
});
