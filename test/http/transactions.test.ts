import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, testEngines } from '../helpers/app.ts';

const engines = await testEngines('the transactions feed on PostgreSQL');
const NOW = new Date('2026-11-20T12:30:00Z');

const record = (id: string, timestamp: string, over: Record<string, unknown> = {}) => ({
  id,
  timestamp,
  provider: 'openai',
  model: 'gpt-4o',
  user: 'ana',
  project: 'search',
  inputTokens: 1000,
  cacheReadTokens: 500,
  outputTokens: 200,
  cost: '0.0125',
  ...over,
});

describe.each(engines)('GET /v1/transactions on %s', (engine) => {
  let t: TestApp;
  let eur: TestApp;
  beforeAll(async () => {
    t = await startTestApp({}, () => NOW, engine);
    const toml = join(mkdtempSync(join(tmpdir(), 'spendlens-eur-')), 'spendlens.toml');
    writeFileSync(toml, 'currency = "EUR"\n[rates]\nUSD = "0.9"\n');
    eur = await startTestApp({ SPENDLENS_CONFIG: toml }, () => NOW, engine);
    const records = [
      record('t-1', '2026-11-01T09:00:00Z'),
      record('t-2', '2026-11-02T09:00:00Z', { provider: 'anthropic', model: 'claude-sonnet-4', user: 'bo' }),
      record('t-3', '2026-11-02T18:00:00Z', { model: 'mystery-model', cost: undefined }),
      record('t-4', '2026-11-03T00:00:00Z', { cost: '2.00', currency: 'GBP' }),
      record('t-5', '2026-11-19T23:59:00Z', { cacheWriteTokens: 300 }),
    ];
    for (const app of [t, eur]) {
      const res = await app.app.inject({
        method: 'POST',
        url: '/api/v1/usage',
        headers: app.auth,
        payload: records,
      });
      expect(res.json().accepted).toBe(records.length);
    }
  });
  afterAll(async () => {
    await t.close();
    await eur.close();
  });
  const get = (app: TestApp, query: string) =>
    app.app.inject({ url: `/v1/transactions${query}`, headers: app.auth });

  it('lists the ledger newest first in the feed shape, with date_to taking in its whole day', async () => {
    const res = await get(t, '?date_from=2026-11-01&date_to=2026-11-02');
    expect(res.statusCode).toBe(200);
    const { transactions } = res.json();
    expect(transactions.map((x: { id: string }) => x.id)).toEqual(['t-3', 't-2', 't-1']);
    expect(transactions[1]).toEqual({
      id: 't-2',
      timestamp: '2026-11-02T09:00:00.000Z',
      service: 'anthropic',
      model: 'claude-sonnet-4',
      cost_usd: 0.0125,
      tokens_in: 1500,
      tokens_out: 200,
      user_id: 'bo',
      project_id: 'search',
    });
    // An unknown model is unpriced: null, never 0.
    expect(transactions[0].cost_usd).toBeNull();
  });

  it('names the cost after the reporting currency and converts with the configured rates', async () => {
    const { transactions } = (await get(eur, '?date_from=2026-11-01&date_to=2026-11-19')).json();
    expect(transactions[0]).toMatchObject({ id: 't-5', cost_eur: 0.01125, tokens_in: 1800 });
    expect(transactions[0]).not.toHaveProperty('cost_usd');
    // No GBP rate configured: the amount cannot be stated in EUR.
    expect(transactions.find((x: { id: string }) => x.id === 't-4').cost_eur).toBeNull();
  });

  it('pages with limit and offset, and defaults to the last 30 days', async () => {
    const ids = async (query: string) =>
      (await get(t, query)).json().transactions.map((x: { id: string }) => x.id);
    expect(await ids('')).toEqual(['t-5', 't-4', 't-3', 't-2', 't-1']);
    expect(await ids('?limit=2')).toEqual(['t-5', 't-4']);
    expect(await ids('?limit=2&offset=2')).toEqual(['t-3', 't-2']);
    expect(await ids('?offset=4')).toEqual(['t-1']);
    expect(await ids('?offset=5')).toEqual([]);
    expect(await ids('?date_from=2026-11-02T12:00:00Z&date_to=2026-11-03T00:00:01Z')).toEqual(['t-4', 't-3']);
  });

  it('refuses bad parameters and callers without a token', async () => {
    expect((await get(t, '?limit=5000')).statusCode).toBe(400);
    expect((await get(t, '?offset=-1')).statusCode).toBe(400);
    expect((await get(t, '?date_from=yesterday')).json().error.errors).toEqual([
      { path: 'date_from', message: expect.any(String) },
    ]);
    expect((await get(t, '?date_from=2026-11-05&date_to=2026-11-01')).statusCode).toBe(400);
    expect((await t.app.inject({ url: '/v1/transactions' })).statusCode).toBe(401);
  });
});
