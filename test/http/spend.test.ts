import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, testEngines } from '../helpers/app.ts';

const NOW = new Date('2026-11-20T12:00:00Z');

function rec(id: string, day: number, over: Record<string, unknown> = {}) {
  return {
    id,
    timestamp: `2026-11-${String(day).padStart(2, '0')}T10:00:00Z`,
    provider: 'openai',
    model: 'gpt-4o',
    user: 'ana',
    team: 'platform',
    project: 'search',
    inputTokens: 100_000,
    outputTokens: 10_000,
    ...over,
  };
}

const engines = await testEngines('the HTTP API on PostgreSQL');

describe.each(engines)('spend and summary on %s', (engine) => {
  let t: TestApp;
  const get = async (url: string) => {
    const res = await t.app.inject({ method: 'GET', url, headers: t.auth });
    return { status: res.statusCode, body: res.json() };
  };

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spendlens-fx-'));
    writeFileSync(join(dir, 'spendlens.toml'), 'currency = "USD"\n[rates]\nEUR = "1.10"\n');
    t = await startTestApp({ SPENDLENS_CONFIG: join(dir, 'spendlens.toml') }, () => NOW, engine);
    // gpt-4o: 100k × $2.50 + 10k × $10 per 1M = $0.35 each
    const records = [
      rec('p1', 3),
      rec('p2', 4, { user: 'bo', team: 'research', project: 'ranker' }),
      rec('c1', 10),
      rec('c2', 11),
      rec('c3', 12, { user: 'bo', team: 'research', project: 'ranker', tags: { env: 'dev' } }),
      rec('eur', 12, {
        model: 'mistral-large',
        provider: 'mistral',
        cost: '1.00',
        currency: 'EUR',
        user: 'bo',
      }),
      rec('unk', 12, { model: 'unknown-7b', provider: 'acme' }),
    ];
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/usage',
      headers: t.auth,
      payload: records,
    });
    expect(res.json().accepted).toBe(records.length);
  });
  afterAll(() => t.close());

  it('groups by model with exact costs, converting other currencies at the configured rate', async () => {
    const { status, body } = await get('/api/v1/spend?from=2026-11-08&to=2026-11-15&groupBy=model');
    expect(status).toBe(200);
    expect(body.currency).toBe('USD');
    const byModel = Object.fromEntries(
      body.rows.map((r: { model: string; cost: string }) => [r.model, r.cost]),
    );
    expect(byModel).toEqual({ 'gpt-4o': '1.050000', 'mistral-large': '1.100000', 'unknown-7b': '0.000000' });
    expect(body.totals).toMatchObject({
      cost: '2.150000',
      requests: 5,
      unpricedRequests: 1,
      inputTokens: 500_000,
    });
  });

  it('buckets by day in a time zone and filters by dimension and tag', async () => {
    const daily = await get(
      '/api/v1/spend?from=2026-11-08&to=2026-11-15&bucket=day&model=gpt-4o&tz=Europe/Berlin',
    );
    expect(daily.body.rows.map((r: { bucket: string; cost: string }) => [r.bucket, r.cost])).toEqual([
      ['2026-11-09T23:00:00.000Z', '0.350000'],
      ['2026-11-10T23:00:00.000Z', '0.350000'],
      ['2026-11-11T23:00:00.000Z', '0.350000'],
    ]);
    const dev = await get('/api/v1/spend?from=2026-11-01&to=2026-11-15&tag.env=dev&groupBy=user');
    expect(dev.body.rows).toMatchObject([{ user: 'bo', cost: '0.350000' }]);
    const unset = await get('/api/v1/spend?from=2026-11-01&to=2026-11-15&groupBy=context&context=(none)');
    expect(unset.body.rows).toMatchObject([{ context: null, requests: 7 }]);
  });

  it('rejects unknown parameters and bad values with the field named', async () => {
    const bad = await get('/api/v1/spend?groupBy=colour&bucket=fortnight&tz=Mars/Olympus&form=2026-11-01');
    expect(bad.status).toBe(400);
    const paths = bad.body.error.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['groupBy', 'bucket', 'tz']));
    const typo = await get('/api/v1/spend?form=2026-11-01');
    expect(typo.body.error.errors).toEqual([
      { path: 'form', message: expect.stringContaining('unknown parameter') },
    ]);
    const zone = await get('/api/v1/spend?from=2026-11-01T00:00:00');
    expect(zone.body.error.errors[0]).toMatchObject({
      path: 'from',
      message: expect.stringContaining('no time zone'),
    });
  });

  it('summarises a period against the previous equal period', async () => {
    const { body } = await get('/api/v1/summary?from=2026-11-08&to=2026-11-15');
    expect(body).toMatchObject({
      currency: 'USD',
      days: 7,
      totalCost: '2.150000',
      averageDailyCost: '0.307143',
      // previous week (Nov 1–8) spent $0.70
      changePercent: 207.1,
      anomalies: [],
    });
    expect(body.byUser.map((u: { user: string }) => u.user)).toEqual(['bo', 'ana']);
    expect(body.byProject.find((p: { project: string }) => p.project === 'ranker')).toMatchObject({
      cost: '0.350000',
      costPerOutputToken: '0.000035000000',
    });
    expect(body.byTeam).toHaveLength(2);
    expect(body.byModel[0]).toMatchObject({ model: 'mistral-large', cost: '1.100000' });
  });

  it('pages usage by cursor', async () => {
    const first = await get('/api/v1/usage?from=2026-11-01&to=2026-11-30&limit=4');
    expect(first.body.records).toHaveLength(4);
    const second = await get(
      `/api/v1/usage?from=2026-11-01&to=2026-11-30&limit=4&cursor=${first.body.nextCursor}`,
    );
    expect(second.body.records).toHaveLength(3);
    expect(second.body.nextCursor).toBeNull();
  });
});

describe.each(engines)('pricing API on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({}, () => NOW, engine);
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/usage',
      headers: t.auth,
      payload: [
        rec('u1', 5, { model: 'house-llm', provider: 'selfhosted' }),
        rec('u2', 6, { model: 'house-llm', provider: 'selfhosted' }),
      ],
    });
  });
  afterAll(() => t.close());

  it('prices an unpriced model with an override, re-prices its records and audits it', async () => {
    const before = await t.app.inject({ method: 'GET', url: '/api/v1/pricing', headers: t.auth });
    expect(before.json().unpriced).toMatchObject([{ model: 'house-llm', records: 2 }]);
    expect(
      before.json().models.find((m: { model: string }) => m.model === 'claude-sonnet-4-0'),
    ).toMatchObject({
      input: '3',
      output: '15',
    });
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/pricing/overrides?reprice=true',
      headers: t.auth,
      payload: {
        provider: 'selfhosted',
        model: 'house-llm',
        effectiveFrom: '2026-01-01',
        input: '0.5',
        output: 2,
      },
    });
    expect(put.statusCode).toBe(200);
    expect(put.json().repriced).toMatchObject({ examined: 2, changed: 2, stillUnpriced: 0 });
    const spend = await t.app.inject({
      method: 'GET',
      url: '/api/v1/spend?from=2026-11-01&to=2026-11-10',
      headers: t.auth,
    });
    // 100k × $0.50 + 10k × $2 per 1M = $0.07 each
    expect(spend.json().totals).toMatchObject({ cost: '0.140000', unpricedRequests: 0 });
    const audit = await t.ctx.audit.listAudit(t.ctx.config.org, 5);
    expect(audit.map((a) => a.action).sort()).toEqual(['pricing.override', 'pricing.reprice']);
  });

  it('rejects a bad override naming the field', async () => {
    const res = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/pricing/overrides',
      headers: t.auth,
      payload: { provider: 'x', model: 'y', effectiveFrom: '2026-13-01', input: '-1', output: 'cheap' },
    });
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .error.errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['effectiveFrom', 'input', 'output']);
  });

  it('serves the OpenAPI document and health', async () => {
    const docs = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(docs.json()).toMatchObject({ openapi: '3.1.0' });
    expect(Object.keys(docs.json().paths)).toEqual(
      expect.arrayContaining(['/api/v1/usage', '/api/v1/spend', '/api/v1/summary', '/api/v1/pricing']),
    );
    const health = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(health.json()).toEqual({ status: 'ok', store: engine });
  });
});
