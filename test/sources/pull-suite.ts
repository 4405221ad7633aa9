import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type RunnerDeps, sourceRunner } from '../../src/app/sources/runner.ts';
import { DEFAULT_RETRY } from '../../src/sources/http/retry.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import {
  type Handler,
  type Recorded,
  type ReplayServer,
  startReplayServer,
} from '../helpers/replay-server.ts';
import { days, type PullCase } from './pull-case.ts';

const NOW = Date.parse('2026-11-03T12:00:00Z');
const DAY = 86_400_000;
const KEY = 'sk-admin-test-0123456789abcdefSECRET';

/**
 * The suite every provider pull source passes, against a local server replaying its real-shaped pages:
 * paging, 429 with Retry-After, 401, 500 then success, a page failing its schema, overlapping re-fetch,
 * and a restart mid-backfill.
 */
export function runPullSuite(c: PullCase): void {
  describe(`pull source: ${c.kind}`, () => {
    let t: TestApp;
    let server: ReplayServer;
    let now = NOW;
    let sleeps: number[];
    let logs: string[];

    const width = (req: Recorded) => req.query.get('bucket_width');
    const empty = () => c.synthetic([], false);
    /** The fixture pages for the daily usage window, the cost page, empty pages elsewhere. */
    const normal: Handler = (req) => {
      if (req.path === c.usagePath && width(req) === '1d') {
        const token = req.query.get('page');
        const n =
          token === null
            ? 0
            : 1 + c.pages.usage.findIndex((p) => (p as { next_page: string }).next_page === token);
        return { body: c.pages.usage[n] };
      }
      if (req.path === c.costPath && req.query.get('page') === null) return { body: c.pages.cost };
      return { body: empty() };
    };

    beforeEach(async () => {
      now = NOW;
      sleeps = [];
      logs = [];
      server = await startReplayServer(normal);
      t = await startTestApp({}, () => new Date(now));
      const deps: Partial<RunnerDeps> = {
        sleep: async (ms) => void sleeps.push(ms),
        random: () => 0.5,
        retry: DEFAULT_RETRY,
        log: (line) => logs.push(line),
      };
      sourceRunner(t.ctx, deps);
    });
    afterEach(async () => {
      await t.close();
      await server.close();
    });

    const api = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
      t.app.inject({ method, url, headers: t.auth, payload: payload as object });
    const addSource = async (backfillDays = 4) => {
      const body = {
        id: 'prov',
        kind: c.kind,
        key: KEY,
        baseUrl: `${server.url}/v1`,
        backfillDays,
        ...c.settings,
      };
      const res = await api('POST', '/api/v1/sources', body);
      expect(res.statusCode).toBe(201);
    };
    const sync = async () => (await api('POST', '/api/v1/sources/prov/sync')).json();
    const spend = async (query = '') =>
      (await api('GET', `/api/v1/spend?from=2026-10-01&to=2026-11-04${query}`)).json().totals;
    const count = () => t.ctx.usage.countUsage(t.ctx.config.org);

    it('follows next_page through three pages; usage is estimated, invoice lines billed and apart', async () => {
      await addSource();
      const out = await sync();
      expect(out).toMatchObject({ ok: true, inserted: 4 + c.costLines });
      const usagePages = server.requests.filter((r) => r.path === c.usagePath && width(r) === '1d');
      expect(usagePages.map((r) => r.query.get('page') !== null)).toEqual([false, true, true]);
      expect(server.requests.every((r) => c.keyOf(r) === KEY)).toBe(true);
      const billed = await spend('&service=cost-report');
      expect(billed.cost).toBe(c.billed);
      const records = (await api('GET', '/api/v1/usage?from=2026-10-01&to=2026-11-04&limit=100')).json()
        .records;
      expect(records).toHaveLength(4);
      expect(new Set(records.map((r: { costKind: string }) => r.costKind))).toEqual(
        new Set(['estimated', 'unpriced']),
      );
      const total = await spend();
      const usageOnly = await spend('&costKind=estimated,unpriced');
      expect(total.cost).toBe(usageOnly.cost);
    });

    it('waits as long as a 429 says in Retry-After, then carries on', async () => {
      server.handle(
        inFirst({ status: 429, headers: { 'retry-after': '7' }, body: { error: 'slow down' } }, normal),
      );
      await addSource();
      expect(await sync()).toMatchObject({ ok: true });
      expect(sleeps).toEqual([7_000]);
      expect(await count()).toBeGreaterThanOrEqual(4);
    });

    it('retries a 500 after the first backoff step, then succeeds', async () => {
      server.handle(inFirst({ status: 500, body: { error: 'boom' } }, normal));
      await addSource();
      expect(await sync()).toMatchObject({ ok: true });
      expect(sleeps).toEqual([5_000]);
    });

    it('marks the source failing on 401 with what to fix, without retrying or logging the key', async () => {
      server.handle(() => ({
        status: 401,
        body: { error: { message: `Incorrect API key provided: ${KEY}` } },
      }));
      await addSource();
      const out = await sync();
      expect(out.ok).toBe(false);
      expect(out.error).toMatch(/source "prov".*401.*key was refused.*PUT \/api\/v1\/sources\/prov/);
      expect(server.requests).toHaveLength(1);
      expect(sleeps).toEqual([]);
      const status = (await api('GET', '/api/v1/sources/prov')).json();
      expect(status).toMatchObject({ status: 'failing', lastError: out.error });
      await sourceRunner(t.ctx).syncOne(t.ctx.config.org, 'prov', { scheduled: true });
      expect(server.requests).toHaveLength(1);
      expect(JSON.stringify([out, status, logs])).not.toContain(KEY);
      expect(JSON.stringify(status)).not.toContain('SECRET');
    });

    it('refuses a page that fails its schema and writes nothing of its window', async () => {
      server.handle((req) =>
        req.query.get('page') !== null && width(req) === '1d' ? { body: c.pages.bad } : normal(req),
      );
      await addSource();
      const out = await sync();
      expect(out.ok).toBe(false);
      expect(out.error).toMatch(/cannot read.*Nothing from that window was written/);
      expect(await count()).toBe(0);
      const state = await t.ctx.sources.getSourceState(t.ctx.config.org, 'prov');
      const streams = (state?.state.streams ?? {}) as Record<string, { cursor: unknown }>;
      expect(streams.usage?.cursor).toBeNull();
    });

    it('re-fetches a trailing overlap: revised buckets replace, nothing doubles', async () => {
      const hour = Date.parse('2026-11-03T10:00:00Z');
      let tokens = 500;
      server.handle((req) =>
        req.path === c.usagePath && width(req) === '1h'
          ? { body: c.synthetic([{ start: hour, end: hour + 3_600_000, tokens }], false) }
          : normal(req),
      );
      await addSource();
      await sync();
      const first = { count: await count(), billed: (await spend('&service=cost-report')).cost };
      tokens = 800;
      now += 3_600_000;
      const again = await sync();
      expect(again).toMatchObject({ ok: true, inserted: 0 });
      expect(again.replaced).toBeGreaterThan(0);
      expect(await count()).toBe(first.count);
      expect((await spend('&service=cost-report')).cost).toBe(first.billed);
      const hourly = await spend(`&from=2026-11-03T10:00:00Z&to=2026-11-03T11:00:00Z`);
      expect(hourly.inputTokens).toBe(800);
    });

    it('resumes a backfill interrupted mid-way from its cursor', async () => {
      let failing = true;
      const start = Date.parse('2026-10-14T00:00:00Z');
      server.handle((req) => {
        if (req.path !== c.usagePath || width(req) !== '1d') return { body: empty() };
        const from = c.startOf(req);
        if (failing && from > start) return { status: 401, body: { error: 'revoked' } };
        return {
          body: c.synthetic(days(from, Math.min(from + 7 * DAY, Date.parse('2026-11-02T00:00:00Z'))), false),
        };
      });
      await addSource(20);
      expect((await sync()).ok).toBe(false);
      expect(await count()).toBe(7);
      failing = false;
      server.requests.length = 0;
      expect(await sync()).toMatchObject({ ok: true });
      const daily = server.requests.filter((r) => r.path === c.usagePath && width(r) === '1d');
      expect(c.startOf(daily[0] as Recorded)).toBe(start + 7 * DAY);
      expect(await count()).toBe(19);
    });
  });
}

function inFirst(
  reply: { status: number; headers?: Record<string, string>; body: unknown },
  then: Handler,
): Handler {
  let used = false;
  return (req) => {
    if (used) return then(req);
    used = true;
    return reply;
  };
}
