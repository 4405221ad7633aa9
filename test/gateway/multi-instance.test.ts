import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresReachable } from '../helpers/postgres.ts';
import { type GatewayHarness, startGateway } from './harness.ts';
import { startUpstream, type Upstream } from './upstream.ts';

const reachable = await postgresReachable('the gateway tests on two instances');
const clock = { now: new Date('2026-12-07T10:00:00Z') };
let upstream: Upstream;
let instances: GatewayHarness[] = [];

beforeAll(async () => {
  if (!reachable) return;
  upstream = await startUpstream();
  upstream.uniqueIds = true;
  upstream.eventDelayMs = 2;
  const first = await startGateway({ upstream, engine: 'postgres', now: () => clock.now });
  const schema = first.app.ctx.config.storage.schema ?? '';
  const second = await startGateway({
    upstream,
    engine: 'postgres',
    now: () => clock.now,
    env: { SPENDLENS_DATABASE_SCHEMA: schema },
  });
  instances = [first, second];
});
afterAll(async () => {
  // why: the first instance drops the schema both share, so it closes last.
  for (const gw of [...instances].reverse()) await gw.close();
  await upstream?.close();
});

/** 60000 µ$ a day; every call's estimate (≥ 2.5k µ$) is above its cost (2200 or 2350 µ$). */
const AMOUNT = 60_000;
const body = { model: 'gpt-4o', max_tokens: 250, messages: [{ role: 'user' as const, content: 'hi' }] };

const client = (gw: GatewayHarness) =>
  new OpenAI({
    apiKey: gw.key,
    baseURL: `${gw.url}/proxy/openai/v1`,
    defaultHeaders: { 'X-Spendlens-Project': 'shared' },
    maxRetries: 0,
  });

/** One call, streamed or not; false when the gateway refused it for the budget. */
async function call(gw: GatewayHarness, stream: boolean): Promise<boolean> {
  try {
    if (!stream) await client(gw).chat.completions.create(body);
    else for await (const _ of await client(gw).chat.completions.create({ ...body, stream: true }));
    return true;
  } catch (error) {
    if (error instanceof OpenAI.RateLimitError) return false;
    throw error;
  }
}

/** Eight clients per instance calling until each is refused; then both instances' spend of the day. */
async function drain(day: string): Promise<{ spent: number; passed: number[] }> {
  const passed = [0, 0];
  await Promise.all(
    instances.flatMap((gw, i) =>
      Array.from({ length: 8 }, async (_, j) => {
        while (await call(gw, j % 2 === 1)) passed[i] = (passed[i] ?? 0) + 1;
      }),
    ),
  );
  for (const gw of instances) await gw.records();
  const records = (await instances[0]!.records()).filter(
    (r) => r.project === 'shared' && r.timestamp.toISOString().startsWith(day),
  );
  return { spent: records.reduce((s, r) => s + (r.costMicros ?? 0), 0), passed };
}

describe.skipIf(!reachable)('a hard budget on two gateway instances sharing PostgreSQL', () => {
  it('is never overshot by concurrent calls through both, and resets once for both', async () => {
    const made = await instances[0]!.app.app.inject({
      method: 'POST',
      url: '/api/v1/budgets',
      headers: instances[0]!.app.auth,
      payload: {
        id: 'shared-cap',
        period: 'day',
        amount: '0.06',
        scope: { dimension: 'project', value: 'shared' },
        enforce: 'hard',
      },
    });
    expect(made.statusCode, made.body).toBe(201);

    for (const day of ['2026-12-07', '2026-12-08']) {
      clock.now = new Date(`${day}T10:00:00Z`);
      const { spent, passed } = await drain(day);
      expect(passed.every((n) => n > 0)).toBe(true);
      // why: estimates exceed costs here, so the calls in flight when the budget was reached fit in it.
      expect(spent).toBeLessThanOrEqual(AMOUNT);
      // nothing in flight: the last refusals saw the day's whole spend and one estimate (< 2.7k µ$) past it
      expect(spent).toBeGreaterThan(AMOUNT - 2700);
      for (const gw of instances) expect(await call(gw, false)).toBe(false);
    }
    const all = (await instances[1]!.records()).filter((r) => r.project === 'shared');
    expect(new Set(all.map((r) => r.id)).size).toBe(all.length);
  });
});
