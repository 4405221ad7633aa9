import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KEY_HELP } from '../../src/app/sources/registry.ts';
import { type RunnerDeps, sourceRunner } from '../../src/app/sources/runner.ts';
import type { SourceKind } from '../../src/config/sources.ts';
import { DEFAULT_RETRY } from '../../src/sources/http/retry.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import {
  type Handler,
  type Recorded,
  type ReplayServer,
  startReplayServer,
} from '../helpers/replay-server.ts';

export const REPLAY_NOW = Date.parse('2026-11-03T12:00:00Z');
/** The key every replayed source is added with. */
export const REPLAY_KEY = 'sk-test-0123456789abcdefSECRET';

/** What the replay suite needs to know of one provider API whose pages are not usage/cost buckets. */
export interface ReplayCase {
  kind: SourceKind;
  settings?: Record<string, unknown>;
  /** Serves the recorded fixtures; `revised` is the same data with one figure changed by the provider. */
  serve(req: Recorded, revised: boolean): { status?: number; body: unknown };
  /** A request for a second or later page (a cursor or page number given). */
  isFollowUp(req: Recorded): boolean;
  /** A follow-up page with a required field missing, and what the error must name (field and page). */
  bad: { body: unknown; error: RegExp };
  keyOf(req: Recorded): string | undefined;
  /** Added to every spend query (`&service=cost-report` for a source of invoice lines only). */
  spendQuery?: string;
  /** After the first sync: records written, total cost, cost per user (as the spend API prints them). */
  expected: {
    records: number;
    cost: string;
    byUser: Record<string, string>;
    revisedCost: string;
    /** Cost per value of one tag (`terminal`, `apiKey`…), where the source puts something there. */
    byTag?: { tag: string; cost: Record<string, string> };
  };
}

/**
 * The suite every coding-assistant and router pull source passes against a local server replaying its
 * documented pages: paging, 429 with Retry-After, 401 naming the key to fix, 5xx retried, schema drift
 * (unknown fields pass, a missing field fails naming it and the page), and de-duplication.
 */
export function runReplaySuite(c: ReplayCase): void {
  // why: each test starts an app and syncs several days; the machine running the suite may be loaded.
  describe(`pull source: ${c.kind}`, { timeout: 120_000 }, () => {
    let t: TestApp;
    let server: ReplayServer;
    let now = REPLAY_NOW;
    let sleeps: number[];
    let revised = false;
    const normal: Handler = (req) => c.serve(req, revised);

    beforeEach(async () => {
      now = REPLAY_NOW;
      sleeps = [];
      revised = false;
      server = await startReplayServer(normal);
      t = await startTestApp({}, () => new Date(now));
      const deps: Partial<RunnerDeps> = {
        sleep: async (ms) => void sleeps.push(ms),
        random: () => 0.5,
        retry: DEFAULT_RETRY,
        log: () => {},
      };
      sourceRunner(t.ctx, deps);
    });
    afterEach(async () => {
      await t.close();
      await server.close();
    });

    const api = (method: 'GET' | 'POST', url: string, payload?: unknown) =>
      t.app.inject({ method, url, headers: t.auth, payload: payload as object });
    const addSource = async () => {
      const body = { id: 'p', kind: c.kind, key: REPLAY_KEY, baseUrl: `${server.url}/v1`, backfillDays: 4 };
      const res = await api('POST', '/api/v1/sources', { ...body, ...c.settings });
      expect(res.statusCode, res.body).toBe(201);
    };
    const sync = async () => (await api('POST', '/api/v1/sources/p/sync')).json();
    const spend = async (query = '') =>
      (await api('GET', `/api/v1/spend?from=2026-10-01&to=2026-11-10${c.spendQuery ?? ''}${query}`)).json();
    const count = () => t.ctx.usage.countUsage(t.ctx.config.org);
    const once = (reply: { status: number; headers?: Record<string, string>; body: unknown }) => {
      let used = false;
      server.handle((req) => {
        if (used) return normal(req);
        used = true;
        return reply;
      });
    };

    it('reads every page with the key; unknown fields are ignored; totals per person as the API says', async () => {
      await addSource();
      const out = await sync();
      expect(out).toMatchObject({ ok: true, inserted: c.expected.records, rejected: 0 });
      expect(server.requests.filter(c.isFollowUp).length).toBeGreaterThan(0);
      expect(server.requests.every((r) => c.keyOf(r) === REPLAY_KEY)).toBe(true);
      expect((await spend()).totals.cost).toBe(c.expected.cost);
      const rows = (await spend('&groupBy=user')).rows as { user: string | null; cost: string }[];
      const byUser = Object.fromEntries(rows.filter((r) => r.user).map((r) => [r.user, r.cost]));
      expect(byUser).toEqual(c.expected.byUser);
      const byTag = c.expected.byTag;
      if (byTag) {
        const tagged = (await spend(`&groupBy=tag:${byTag.tag}`)).rows as Record<string, string>[];
        const key = `tag:${byTag.tag}`;
        const costs = Object.fromEntries(tagged.filter((r) => r[key]).map((r) => [r[key], r.cost]));
        expect(costs).toEqual(byTag.cost);
      }
    });

    it('waits as long as a 429 says in Retry-After, then carries on', async () => {
      once({ status: 429, headers: { 'retry-after': '7' }, body: { error: 'Too Many Requests' } });
      await addSource();
      expect(await sync()).toMatchObject({ ok: true, inserted: c.expected.records });
      expect(sleeps).toEqual([7_000]);
    });

    it('retries a 5xx after the first backoff step, then succeeds', async () => {
      once({ status: 503, body: { error: 'unavailable' } });
      await addSource();
      expect(await sync()).toMatchObject({ ok: true, inserted: c.expected.records });
      expect(sleeps).toEqual([5_000]);
    });

    it('fails on 401 at once, naming the key to fix and never the key itself', async () => {
      server.handle(() => ({ status: 401, body: { error: `invalid key ${REPLAY_KEY}` } }));
      await addSource();
      const out = await sync();
      expect(out.ok).toBe(false);
      expect(out.error).toContain('401');
      expect(out.error).toContain(KEY_HELP[c.kind]);
      expect(out.error).not.toContain('SECRET');
      expect(server.requests).toHaveLength(1);
      expect(sleeps).toEqual([]);
    });

    it('refuses a page missing a required field, naming the field and the page; writes nothing of it', async () => {
      server.handle((req) => (c.isFollowUp(req) ? { body: c.bad.body } : normal(req)));
      await addSource();
      const out = await sync();
      expect(out.ok).toBe(false);
      expect(out.error).toMatch(c.bad.error);
      expect(out.error).toMatch(/Nothing from that window was written/);
      expect(await count()).toBe(0);
    });

    it('adds nothing when run twice; an overlapping later window replaces revised figures', async () => {
      await addSource();
      await sync();
      expect(await count()).toBe(c.expected.records);
      expect(await sync()).toMatchObject({ ok: true, inserted: 0 });
      expect(await count()).toBe(c.expected.records);
      now += 86_400_000;
      revised = true;
      const later = await sync();
      expect(later).toMatchObject({ ok: true, inserted: 0 });
      expect(later.replaced).toBeGreaterThan(0);
      expect(await count()).toBe(c.expected.records);
      expect((await spend()).totals.cost).toBe(c.expected.revisedCost);
    });
  });
}

/** A recorded page with one figure changed, as a provider revising a past bucket sends it. */
export function revise(page: unknown, from: string, to: string): unknown {
  const text = JSON.stringify(page);
  if (!text.includes(from)) throw new Error(`the fixture has no ${from} to revise`);
  return JSON.parse(text.replace(from, to));
}
