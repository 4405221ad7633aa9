import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openContext } from '../../src/app/open.ts';
import { loadConfig } from '../../src/config/load.ts';
import { TEST_TOKEN, testEngines } from '../helpers/app.ts';
import { type GatewayHarness, listGatewayRecords, startGateway } from './harness.ts';
import { startUpstream, type Upstream } from './upstream.ts';

// What the gateway keeps in memory to stay off the database on each call (keys, budgets, each enforcing
// budget's running spend on DuckDB, records written in groups) must never change what it decides.

let upstream: Upstream;
let gw: GatewayHarness;
const clock = { now: new Date('2026-12-07T10:00:00Z') };

/** The replayed answer costs 2200 µ$; the gateway's estimate of this body is 2568 µ$ (enforcement.test.ts). */
const chatBody = { model: 'gpt-4o', max_tokens: 250, messages: [{ role: 'user' as const, content: 'hi' }] };
const client = (project: string, key = gw.key) =>
  new OpenAI({
    apiKey: key,
    baseURL: `${gw.url}/proxy/openai/v1`,
    defaultHeaders: { 'X-Spendlens-Project': project },
    maxRetries: 0,
  });
const chat = async (project: string, key?: string) => {
  const answer = await client(project, key).chat.completions.create(chatBody).withResponse();
  await gw.records();
  return answer.response.headers.get('x-spendlens-budget-remaining');
};
const inject = (method: 'POST' | 'DELETE' | 'PATCH', url: string, payload?: unknown) =>
  gw.app.app.inject({ method, url, headers: gw.app.auth, payload: payload as object });

async function budget(id: string, definition: Record<string, unknown>) {
  const made = await inject('POST', '/api/v1/budgets', { id, ...definition });
  expect(made.statusCode, made.body).toBe(201);
}

async function postUsage(items: Record<string, unknown>[]) {
  const posted = await inject('POST', '/api/v1/usage', items);
  expect(posted.statusCode, posted.body).toBe(200);
  return posted.json() as { accepted: number; duplicates: number };
}

const usage = (id: string, project: string, cost: string, at = '2026-12-07T09:00:00Z') => ({
  id,
  timestamp: at,
  provider: 'openai',
  model: 'gpt-4o',
  project,
  inputTokens: 1,
  outputTokens: 1,
  cost,
});

describe.each(await testEngines('the gateway hot-path tests'))('on %s', (engine) => {
  beforeAll(async () => {
    upstream = await startUpstream();
    upstream.uniqueIds = true;
    gw = await startGateway({ upstream, now: () => clock.now, engine });
  });
  afterAll(async () => {
    await gw?.close();
    await upstream?.close();
  });

  describe('keys', () => {
    it('stop working at the next call once revoked, though the gateway reuses a key it has seen', async () => {
      const made = await inject('POST', '/api/v1/tokens', { scopes: ['gateway'], label: 'to revoke' });
      const { token, id } = made.json() as { token: string; id: string };
      await chat('keys', token);
      await chat('keys', token);
      const revoked = await inject('DELETE', `/api/v1/tokens/${id}`);
      expect(revoked.statusCode).toBe(204);
      const refused = await chat('keys', token).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(OpenAI.AuthenticationError);
      expect((refused as InstanceType<typeof OpenAI.AuthenticationError>).status).toBe(401);
      // another key is unaffected
      await expect(chat('keys')).resolves.toBeNull();
    });
  });

  describe('budgets', () => {
    it('are enforced from the call after one is created, and no longer once deleted', async () => {
      clock.now = new Date('2026-12-07T10:00:00Z');
      await chat('fresh');
      await budget('fresh-cap', {
        period: 'day',
        amount: '0.002',
        scope: { dimension: 'project', value: 'fresh' },
        enforce: 'hard',
      });
      await expect(chat('fresh')).rejects.toBeInstanceOf(OpenAI.RateLimitError);
      expect((await inject('DELETE', '/api/v1/budgets/fresh-cap')).statusCode).toBe(204);
      await expect(chat('fresh')).resolves.toBeNull();
    });
  });

  describe('the running spend of an enforcing budget', () => {
    it('counts usage that other routes write, once, and refuses exactly the call that would cross the amount', async () => {
      clock.now = new Date('2026-12-07T11:00:00Z');
      await budget('side-cap', {
        period: 'day',
        amount: '0.011967',
        scope: { dimension: 'project', value: 'side' },
        enforce: 'hard',
      });
      // the first call reads the day's spend from the ledger: nothing yet
      expect(await chat('side')).toBe('0.011967 USD');
      // 2200 µ$ by the gateway, then 5000 µ$ pushed to the usage API
      expect(await postUsage([usage('side-1', 'side', '0.005')])).toMatchObject({ accepted: 1 });
      expect(await chat('side')).toBe('0.004767 USD');
      // the same record again, another project's and yesterday's are not this budget's spend
      expect(
        await postUsage([
          usage('side-1', 'side', '0.005'),
          usage('other-1', 'other', '0.5'),
          usage('side-old', 'side', '0.5', '2026-12-06T23:59:59Z'),
        ]),
      ).toMatchObject({ accepted: 2, duplicates: 1 });
      // 2200 + 5000 + 2200 = 9400 µ$ spent: 2567 left, one micro-dollar under the next call's estimate
      const refused = await chat('side').catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(OpenAI.RateLimitError);
      expect((refused as Error).message).toContain('0.009400 USD spent or in flight');
      // a refund of 1 µ$ brings the spend to exactly the amount less the estimate: the call goes through
      await postUsage([usage('side-refund', 'side', '-0.000001')]);
      expect(await chat('side')).toBe('0.002568 USD');
      await expect(chat('side')).rejects.toBeInstanceOf(OpenAI.RateLimitError);
    });

    it('counts a call once while its record lands: the next call, sent at once, is not refused for it twice', async () => {
      clock.now = new Date('2026-12-07T13:00:00Z');
      // room for two calls only if the first counts once: its cost (2200) or its estimate (2568), not both
      const amount = 2200 + 2568 + 2568 - 1;
      const projects = Array.from({ length: 8 }, (_, i) => `once-${i}`);
      for (const p of projects) {
        await budget(p, {
          period: 'day',
          amount: (amount / 1e6).toFixed(6),
          scope: { dimension: 'project', value: p },
          enforce: 'hard',
        });
      }
      const results = await Promise.all(
        projects.map(async (p) => {
          const c = client(p);
          await c.chat.completions.create(chatBody);
          return c.chat.completions.create(chatBody).then(
            () => 'ok',
            (e: unknown) => (e as Error).message,
          );
        }),
      );
      expect(results).toEqual(projects.map(() => 'ok'));
      await gw.records();
      // both calls counted at their cost once landed: 7335 - 4400 left
      for (const p of projects) expect(await chat(p)).toBe('0.002935 USD');
    });

    it('follows a record voided through the API', async () => {
      clock.now = new Date('2026-12-07T12:00:00Z');
      await budget('void-cap', {
        period: 'day',
        amount: '0.01',
        scope: { dimension: 'project', value: 'void' },
        enforce: 'soft',
      });
      await postUsage([usage('void-1', 'void', '0.004', '2026-12-07T11:30:00Z')]);
      expect(await chat('void')).toBe('0.006000 USD');
      const voided = await inject('POST', '/api/v1/usage/void', { ids: ['void-1'] });
      expect(voided.statusCode, voided.body).toBeLessThan(300);
      expect(await chat('void')).toBe('0.007800 USD');
    });
  });

  // why: the check reopens the DuckDB file; a PostgreSQL schema is dropped as its app closes.
  describe.skipIf(engine === 'postgres')('call records', () => {
    it('are all durable once the server has shut down, though written after the answers', async () => {
      const own = await startGateway({ upstream, now: () => clock.now });
      const c = new OpenAI({ apiKey: own.key, baseURL: `${own.url}/proxy/openai/v1`, maxRetries: 0 });
      const stream = async () => {
        const s = await c.chat.completions.create({ ...chatBody, stream: true });
        for await (const _ of s);
      };
      await Promise.all(
        Array.from({ length: 40 }, (_, i) => (i % 2 ? c.chat.completions.create(chatBody) : stream())),
      );
      await own.close();
      const config = loadConfig({ dataDir: own.app.dataDir }, { SPENDLENS_ADMIN_TOKEN: TEST_TOKEN });
      const reopened = await openContext(config, () => clock.now);
      try {
        const records = await listGatewayRecords(reopened);
        expect(records).toHaveLength(40);
        expect(records.reduce((s, r) => s + (r.costMicros ?? 0), 0)).toBe(20 * 2200 + 20 * 2350);
      } finally {
        await reopened.store.close();
      }
    });
  });
});
