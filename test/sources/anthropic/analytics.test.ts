import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sourceRunner } from '../../../src/app/sources/runner.ts';
import { readAnalytics } from '../../../src/sources/anthropic/analytics-client.ts';
import { centsToMicros } from '../../../src/sources/anthropic/analytics-normalize.ts';
import { userUsagePageSchema } from '../../../src/sources/anthropic/analytics-schema.ts';
import type { PullWindow } from '../../../src/sources/http/adapter.ts';
import type { HttpClient } from '../../../src/sources/http/client.ts';
import { PullError } from '../../../src/sources/http/errors.ts';
import { DEFAULT_RETRY } from '../../../src/sources/http/retry.ts';
import { startTestApp, type TestApp } from '../../helpers/app.ts';
import { fixture, type Recorded, type ReplayServer, startReplayServer } from '../../helpers/replay-server.ts';
import { REPLAY_KEY, REPLAY_NOW, type ReplayCase, revise, runReplaySuite } from '../replay-suite.ts';

const A = 'analytics';
const PAGES = {
  usage: [fixture('anthropic', `${A}-user-usage-page1`), fixture('anthropic', `${A}-user-usage-page2`)],
  cost: fixture('anthropic', `${A}-user-cost-page1`),
  hourlyUsage: fixture('anthropic', `${A}-user-usage-hourly`),
  hourlyCost: fixture('anthropic', `${A}-user-cost-hourly`),
  org: fixture('anthropic', `${A}-cost-page1`),
};

/** The Analytics API as the fixtures record it: two pages of daily per-user usage, one of cost. */
function serveAnalytics(req: Recorded, revised: boolean): { status?: number; body: unknown } {
  const hourly = req.query.get('bucket_width') === '1h';
  if (req.path.endsWith('/analytics/user_usage_report')) {
    if (hourly) return { body: PAGES.hourlyUsage };
    return { body: req.query.get('page') === 'cursor_p2_bm90LXJlYWw' ? PAGES.usage[1] : PAGES.usage[0] };
  }
  if (req.path.endsWith('/analytics/user_cost_report')) {
    if (!hourly) return { body: PAGES.cost };
    return { body: revised ? revise(PAGES.hourlyCost, '"1000"', '"1500"') : PAGES.hourlyCost };
  }
  if (req.path.endsWith('/analytics/cost_report')) return { body: PAGES.org };
  return { status: 404, body: { type: 'error', error: { type: 'not_found_error', message: req.path } } };
}

const analyticsCase: ReplayCase = {
  kind: 'anthropic',
  settings: { api: 'analytics' },
  serve: serveAnalytics,
  isFollowUp: (req) => req.query.get('page') !== null,
  bad: {
    body: fixture('anthropic', `${A}-user-usage-bad`),
    error: /user_usage_report \(page 2\).*data\.0\.output_tokens/,
  },
  keyOf: (req) => req.headers['x-api-key'] as string | undefined,
  // 8 per-user records (a row without a cost row is split at its 1-hour cache writes) + 3 invoice lines.
  expected: {
    records: 11,
    // $125.3425 + $3.125 + $80.00125 + $0.9999 + $0.50 + $10 (hourly): cents become dollars exactly.
    cost: '219.968650',
    byUser: {
      'alice@example.com': '215.343750',
      'bob@example.com': '3.125000',
      user_01Gone: '0.999900',
      'carol@example.com': '0.500000',
    },
    revisedCost: '224.968650',
    byTag: { tag: 'product', cost: { claude_code: '215.343750', chat: '4.124900', cowork: '0.500000' } },
  },
};

runReplaySuite(analyticsCase);

describe('anthropic source: Analytics API specifics', { timeout: 120_000 }, () => {
  let t: TestApp;
  let server: ReplayServer;
  let sleeps: number[];

  beforeEach(async () => {
    sleeps = [];
    server = await startReplayServer((req) => serveAnalytics(req, false));
    t = await startTestApp({}, () => new Date(REPLAY_NOW));
    sourceRunner(t.ctx, {
      sleep: async (ms) => void sleeps.push(ms),
      random: () => 0.5,
      retry: DEFAULT_RETRY,
      log: () => {},
    });
  });
  afterEach(async () => {
    await t.close();
    await server.close();
  });

  const api = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
    t.app.inject({ method, url, headers: t.auth, payload: payload as object });
  const add = async (settings: Record<string, unknown>) => {
    const body = {
      id: 'a',
      kind: 'anthropic',
      key: REPLAY_KEY,
      baseUrl: `${server.url}/v1`,
      backfillDays: 4,
    };
    const res = await api('POST', '/api/v1/sources', { ...body, ...settings });
    expect(res.statusCode, res.body).toBe(201);
  };
  const sync = async () => (await api('POST', '/api/v1/sources/a/sync')).json();
  const status = async () => (await api('GET', '/api/v1/sources/a')).json();
  const analyticsHits = () => server.requests.filter((r) => r.path.includes('/analytics/')).length;
  const records = async () =>
    (await api('GET', '/api/v1/usage?from=2026-10-01&to=2026-11-10&limit=100')).json().records as {
      user: string | null;
      model: string;
      cost: string | null;
      costKind: string;
      cacheWriteTokens: number;
      requests: number;
      tags: Record<string, string>;
    }[];

  it('restarts from page 1 when the cursor has expired (410), and writes each row once', async () => {
    let expired = false;
    server.handle((req) => {
      if (!expired && req.query.get('page') !== null) {
        expired = true;
        return { status: 410, body: { type: 'error', error: { type: 'cursor_expired', message: 'gone' } } };
      }
      return serveAnalytics(req, false);
    });
    await add({ api: 'analytics' });
    expect(await sync()).toMatchObject({ ok: true, inserted: 11 });
    const daily = server.requests.filter(
      (r) => r.path.endsWith('/user_usage_report') && r.query.get('bucket_width') === '1d',
    );
    expect(daily.map((r) => r.query.get('page'))).toEqual([
      null,
      'cursor_p2_bm90LXJlYWw',
      null,
      'cursor_p2_bm90LXJlYWw',
    ]);
    expect(sleeps).toEqual([]);
  });

  it('keeps users, products and exact cents on each record; a row with no cost is left to the catalog', async () => {
    await add({ api: 'analytics' });
    await sync();
    const all = await records();
    const opus = all.find((r) => r.user === 'alice@example.com' && r.tags.product === 'claude_code');
    expect(opus).toMatchObject({ costKind: 'billed', model: 'claude-opus-5' });
    expect(opus?.tags).toMatchObject({ agent: 'claude-code', userId: 'user_01Alice', api: 'analytics' });
    const first = all.find((r) => r.cost === '125.342500');
    expect(first?.tags.listCost).toBe('139.200000');
    expect(first?.requests).toBe(120);
    const mystery = all.filter((r) => r.model === 'claude-mystery-1');
    expect(mystery.map((r) => r.costKind)).toEqual(['unpriced', 'unpriced']);
    expect(mystery.map((r) => r.cacheWriteTokens).sort()).toEqual([400, 600]);
    expect(all.find((r) => r.user === 'user_01Gone')?.tags.deletedUser).toBe('true');
    expect((await status()).detail).toMatch(/Enterprise Analytics API.*set by api = "analytics"/);
    const lines = (
      await api('GET', '/api/v1/spend?from=2026-10-01&to=2026-11-10&service=cost-report')
    ).json();
    expect(lines.totals.cost).toBe('208.468750');
  });

  it('refuses an amount that is not a plain decimal, naming the field', async () => {
    server.handle((req) =>
      req.path.endsWith('/user_cost_report')
        ? { body: revise(PAGES.cost, '"312.5"', '"3.125e2"') }
        : serveAnalytics(req, false),
    );
    await add({ api: 'analytics' });
    const out = await sync();
    expect(out.ok).toBe(false);
    expect(out.error).toMatch(/user_cost_report \(page 1\).*data\.1\.amount: must be a decimal string/);
  });

  it.each([
    [403, /Admin API usage and cost reports.*refused the key \(403\)/],
    [404, /Admin API usage and cost reports.*not found there \(404\)/],
  ])('on auto, an Analytics API answering %i falls back to the legacy reports, once', async (code, said) => {
    server.handle((req) => {
      if (req.path.includes('/analytics/'))
        return { status: code, body: { type: 'error', error: { type: 'permission_error' } } };
      if (req.path.endsWith('/usage_report/messages') && req.query.get('bucket_width') === '1d')
        return { body: fixture('anthropic', 'usage-page3') };
      if (req.path.endsWith('/cost_report')) return { body: fixture('anthropic', 'cost-page1') };
      return { body: { data: [], has_more: false, next_page: null } };
    });
    await add({});
    const out = await sync();
    expect(out).toMatchObject({ ok: true });
    expect(out.inserted).toBeGreaterThan(0);
    expect(analyticsHits()).toBe(1);
    expect((await status()).detail).toMatch(said);
    expect((await sync()).ok).toBe(true);
    expect(analyticsHits()).toBe(1);
    // forced for a while, then back to auto: the remembered choice holds and the status says why again
    const put = async (extra: Record<string, unknown>) => {
      const body = { kind: 'anthropic', baseUrl: `${server.url}/v1`, backfillDays: 4, ...extra };
      expect((await api('PUT', '/api/v1/sources/a', body)).statusCode).toBe(200);
    };
    await put({ api: 'legacy' });
    await sync();
    expect((await status()).detail).toMatch(/set by api = "legacy"/);
    await put({});
    await sync();
    expect((await status()).detail).toMatch(said);
    expect(analyticsHits()).toBe(1);
    const billed = await api('GET', '/api/v1/spend?from=2026-10-01&to=2026-11-10&service=cost-report');
    expect(billed.json().totals.cost).toBe('4.623450');
  });

  it('on auto, an Analytics key reads the Analytics API and says so; a 401 on both names both keys', async () => {
    await add({});
    expect(await sync()).toMatchObject({ ok: true, inserted: 11 });
    expect(server.requests.some((r) => r.path.endsWith('/usage_report/messages'))).toBe(false);
    expect((await status()).detail).toMatch(/Enterprise Analytics API.*read:analytics/);
    server.handle(() => ({ status: 401, body: { error: 'invalid x-api-key' } }));
    await api('POST', '/api/v1/sources', {
      id: 'b',
      kind: 'anthropic',
      key: 'sk-other-key-SECRET',
      baseUrl: `${server.url}/v1`,
    });
    const out = (await api('POST', '/api/v1/sources/b/sync')).json();
    expect(out.ok).toBe(false);
    expect(out.error).toMatch(/401.*Analytics API key \(scope read:analytics.*Admin API key/);
    expect(out.error).not.toContain('SECRET');
  });
});

describe('anthropic source: one Analytics query', () => {
  /** A first page that says more follows, and a last one. */
  const page = (mark: string, url: URL) => {
    const more = url.searchParams.get('page') === null;
    return { data: [], data_refreshed_at: mark, has_more: more, next_page: more ? 'c2' : null };
  };
  const run = async (window: PullWindow, mark: string, fail?: (url: URL) => PullError | null) => {
    const asked: URL[] = [];
    const http = {
      getJson: async (url: URL) => {
        asked.push(url);
        const error = fail?.(url);
        if (error) throw error;
        return page(mark, url);
      },
    } as unknown as HttpClient;
    const ctx = { sourceId: 'a', baseUrl: new URL('http://x/v1'), key: 'k', http, settings: {} };
    const query = { path: 'organizations/analytics/user_usage_report', groupBy: ['product'], limit: 1000 };
    const read = await readAnalytics(ctx, window, query, userUsagePageSchema);
    const span = (u: URL) => ['starting_at', 'ending_at', 'page'].map((k) => u.searchParams.get(k));
    return { read, asked: asked.map(span) };
  };
  const day = (from: string, to: string): PullWindow => ({
    from: new Date(from),
    to: new Date(to),
    width: '1d',
  });

  it('asks again ending at the watermark (floored to the bucket) when the export lags the window', async () => {
    const { read, asked } = await run(
      { from: new Date('2026-11-02T00:00:00Z'), to: new Date('2026-11-03T12:00:00Z'), width: '1h' },
      '2026-11-03T08:30:00Z',
    );
    // the first page of the lagging query is not followed: its cursor belongs to a query that ends too late
    expect(asked).toEqual([
      ['2026-11-02T00:00:00.000Z', '2026-11-03T12:00:00.000Z', null],
      ['2026-11-02T00:00:00.000Z', '2026-11-03T08:00:00.000Z', null],
      ['2026-11-02T00:00:00.000Z', '2026-11-03T08:00:00.000Z', 'c2'],
    ]);
    expect(read.pages).toHaveLength(2);
    expect(read.to.toISOString()).toBe('2026-11-03T08:00:00.000Z');
  });

  it('asks nothing before 2026-01-01, and starts a window that straddles it there', async () => {
    expect((await run(day('2025-12-20', '2025-12-27'), '2026-11-03T08:00:00Z')).asked).toEqual([]);
    const { asked } = await run(day('2025-12-29', '2026-01-05'), '2026-11-03T08:00:00Z');
    expect(asked).toEqual([
      ['2026-01-01T00:00:00.000Z', '2026-01-05T00:00:00.000Z', null],
      ['2026-01-01T00:00:00.000Z', '2026-01-05T00:00:00.000Z', 'c2'],
    ]);
  });

  it('keeps a span to 31 days, and an end at the watermark exactly as it is', async () => {
    const { asked } = await run(day('2026-03-01', '2026-05-01'), '2026-05-01T00:00:00Z');
    expect(asked).toEqual([
      ['2026-03-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z', null],
      ['2026-03-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z', 'c2'],
    ]);
  });

  it('gives up after three expired cursors in a row, and does not restart on other refusals', async () => {
    const gone = () => new PullError('refused', 'answered 410', { status: 410 });
    await expect(run(day('2026-10-01', '2026-10-02'), '2026-11-03T08:00:00Z', gone)).rejects.toThrow('410');
    const bad = () => new PullError('refused', 'answered 400', { status: 400 });
    const out = run(day('2026-10-01', '2026-10-02'), '2026-11-03T08:00:00Z', bad);
    await expect(out).rejects.toThrow('400');
  });

  it('turns fractional cents into micro-dollars exactly, and says when a sub-micro digit was rounded', () => {
    expect(centsToMicros('41280.000000')).toEqual({ micros: 412_800_000n, exact: true });
    expect(centsToMicros('0.0001')).toEqual({ micros: 1n, exact: true });
    expect(centsToMicros('0')).toEqual({ micros: 0n, exact: true });
    expect(centsToMicros('-12.5')).toEqual({ micros: -125_000n, exact: true });
    expect(centsToMicros('0.00005')).toEqual({ micros: 1n, exact: false });
  });
});
