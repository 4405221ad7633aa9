import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS } from '../../src/lib/time.ts';
import { startTestApp, type TestApp, testEngines } from '../helpers/app.ts';

const NOW = new Date('2026-11-16T09:00:00Z');

/** Transactions in the cost tracker's feed shape: a working-week rhythm, and bo's spike on Wednesday 2026-11-11. */
function feed() {
  const out: Record<string, unknown>[] = [];
  const add = (at: number, user: string, project: string, model: string, cost: number) =>
    out.push({
      id: `t${out.length}`,
      timestamp: new Date(at).toISOString(),
      service: model.startsWith('claude') ? 'anthropic' : 'openai',
      model,
      cost_usd: Math.round(cost * 100) / 100,
      tokens_in: 2000,
      tokens_out: 250,
      user_id: user,
      project_id: project,
    });
  for (
    let day = Date.parse('2026-10-01T00:00:00Z');
    day < Date.parse('2026-11-15T00:00:00Z');
    day += DAY_MS
  ) {
    const weekend = [0, 6].includes(new Date(day).getUTCDay());
    for (let h = 9; h < (weekend ? 14 : 18); h++) {
      const wobble = 1 + 0.03 * ((((day / DAY_MS) * 7 + h) % 5) - 2);
      add(day + h * HOUR_MS, 'ana', 'search', 'gpt-4o', 6 * wobble);
      if (!weekend) add(day + h * HOUR_MS + 60_000, 'bo', 'ranker', 'claude-sonnet-4', 5 * wobble);
    }
  }
  for (let k = 0; k < 8; k++)
    add(Date.parse('2026-11-11T12:00:00Z') + k * 600_000, 'bo', 'ranker', 'claude-opus-4', 50);
  return out;
}

const transactions = feed();
const spend = (from: string, to: string) =>
  transactions
    .filter((t) => (t.timestamp as string) >= from && (t.timestamp as string) < to)
    .reduce((s, t) => s + Math.round((t.cost_usd as number) * 1e6), 0) / 1e6;

const engines = await testEngines('the analysis compatibility routes on PostgreSQL');

describe.each(engines)('the spend-analysis service routes on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({}, () => NOW, engine);
  });
  afterAll(() => t.close());

  const results = async (jobId: string) => {
    for (let i = 0; i < 200; i++) {
      const res = await t.app.inject({ method: 'GET', url: `/v1/jobs/${jobId}/results`, headers: t.auth });
      expect(res.statusCode).toBe(200);
      if (res.json().status !== 'processing') return res.json();
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error('the job did not finish');
  };
  const start = async (payload: Record<string, unknown>) => {
    const res = await t.app.inject({ method: 'POST', url: '/v1/analyse-spend', headers: t.auth, payload });
    return { status: res.statusCode, body: res.json() };
  };

  it('analyses posted transactions: a job at once, then the summary, breakdowns and anomalies', async () => {
    const posted = await start({
      organization_id: 'acme',
      period: { start: '2026-11-01', end: '2026-11-14' },
      transactions,
    });
    expect(posted.status).toBe(202);
    expect(posted.body).toEqual({ job_id: expect.stringMatching(/^job_/), status: 'processing' });
    const r = await results(posted.body.job_id);
    const total = spend('2026-11-01', '2026-11-15');
    const previous = spend('2026-10-18', '2026-11-01');
    expect(r).toMatchObject({ job_id: posted.body.job_id, status: 'complete', currency: 'USD' });
    expect(r.summary.total_spend).toBeCloseTo(total, 6);
    expect(r.summary.average_daily_spend).toBeCloseTo(total / 14, 5);
    expect(r.summary.spend_change_percent).toBeCloseTo(((total - previous) / previous) * 100, 1);
    expect(r.by_user.map((u: { user_id: string }) => u.user_id)).toEqual(['bo', 'ana']);
    const ranker = r.by_project.find((p: { project_id: string }) => p.project_id === 'ranker');
    expect(ranker.cost_per_token_out).toBeCloseTo(ranker.total_spend / ranker.tokens_out, 9);
    expect(Object.keys(ranker)).toEqual(
      expect.arrayContaining(['project_id', 'total_spend', 'tokens_out', 'cost_per_token_out']),
    );
    const spike = r.anomalies.find((a: { project: string }) => a.project === 'ranker');
    expect(spike).toMatchObject({
      type: 'spend_spike',
      project: 'ranker',
      severity: expect.stringMatching(/high|critical/),
    });
    expect(spike.description).toContain('Wednesday 2026-11-11');
    expect(
      r.anomalies.every(
        (a: Record<string, unknown>) => Object.keys(a).sort().join() === 'description,project,severity,type',
      ),
    ).toBe(true);
    expect(
      r.anomalies.map((a: { description: string }) => a.description.match(/\d{4}-\d{2}-\d{2}/)?.[0]),
    ).toEqual(r.anomalies.map(() => '2026-11-11'));
    expect(r.baseline).toMatchObject({ source: 'transactions', ledger_until: null });
  });

  it('analyses the ledger when no transactions are posted', async () => {
    const records = transactions.map((x) => ({
      id: x.id,
      timestamp: x.timestamp,
      provider: x.service,
      model: x.model,
      user: x.user_id,
      project: x.project_id,
      cost: String(x.cost_usd),
      outputTokens: x.tokens_out,
    }));
    const ingest = await t.app.inject({
      method: 'POST',
      url: '/api/v1/usage',
      headers: t.auth,
      payload: records,
    });
    expect(ingest.json().accepted).toBe(records.length);
    const posted = await start({ org_id: 'acme', period_start: '2026-11-01', period_end: '2026-11-14' });
    const r = await results(posted.body.job_id);
    expect(r.summary.total_spend).toBeCloseTo(spend('2026-11-01', '2026-11-15'), 6);
    expect(r.by_user.map((u: { user_id: string }) => u.user_id)).toEqual(['bo', 'ana']);
    expect(r.anomalies.map((a: { project: string }) => a.project)).toContain('ranker');
  });

  it("judges a day's posted transactions against the ledger's history, as the workflow recipe posts them", async () => {
    // The recipe's morning run: pull yesterday from the feed, enrich each row, post them alone.
    const pulled = await t.app.inject({
      method: 'GET',
      url: '/v1/transactions?date_from=2026-11-11&date_to=2026-11-11&limit=1000',
      headers: t.auth,
    });
    const rows = pulled
      .json()
      .transactions.map((x: Record<string, unknown>) => ({ ...x, cost_centre: 'CC-1' }));
    expect(rows.length).toBeGreaterThan(0);
    const posted = await start({ transactions: rows });
    const r = await results(posted.body.job_id);
    const day = spend('2026-11-11', '2026-11-12');
    const before = spend('2026-11-10', '2026-11-11');
    expect(r.summary.total_spend).toBeCloseTo(day, 6);
    expect(r.summary.spend_change_percent).toBeCloseTo(((day - before) / before) * 100, 1);
    expect(r.baseline).toEqual({
      source: 'ledger',
      history: { start: expect.any(String), end: '2026-11-11T00:00:00.000Z' },
      previous_period: { start: '2026-11-10T00:00:00.000Z', end: '2026-11-11T00:00:00.000Z' },
      ledger_until: '2026-11-11T00:00:00.000Z',
    });
    const spike = r.anomalies.find((a: { project: string }) => a.project === 'ranker');
    expect(spike).toMatchObject({ type: 'spend_spike', severity: expect.stringMatching(/high|critical/) });
    expect(spike.description).toContain('2026-11-11');
    // The ledger's own 2026-11-11 is replaced by the posted rows, not added to them.
    expect(r.by_user.reduce((s: number, u: { total_spend: number }) => s + u.total_spend, 0)).toBeCloseTo(
      day,
      6,
    );
  });

  it('answers errors the way the API does', async () => {
    const bad = await start({ transactions: [{ timestamp: '2026-11-01T10:00:00', cost_usd: 1 }] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.errors[0].path).toBe('transactions.0.timestamp');
    const unknown = await t.app.inject({ method: 'GET', url: '/v1/jobs/job_nope/results', headers: t.auth });
    expect(unknown.statusCode).toBe(404);
    expect((await t.app.inject({ method: 'POST', url: '/v1/analyse-spend', payload: {} })).statusCode).toBe(
      401,
    );
    expect((await t.app.inject({ method: 'GET', url: '/v1/jobs/job_nope/results' })).statusCode).toBe(401);
  });
});
