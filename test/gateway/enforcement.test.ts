import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GatewayHarness, startGateway } from './harness.ts';
import { startUpstream, type Upstream } from './upstream.ts';

let upstream: Upstream;
let gw: GatewayHarness;
const clock = { now: new Date('2026-12-07T10:00:00Z') };

beforeAll(async () => {
  upstream = await startUpstream();
  upstream.uniqueIds = true;
  gw = await startGateway({ upstream, now: () => clock.now });
});
afterAll(async () => {
  await gw?.close();
  await upstream?.close();
});

const openai = (project: string, key = gw.key, url = gw.url) =>
  new OpenAI({
    apiKey: key,
    baseURL: `${url}/proxy/openai/v1`,
    defaultHeaders: { 'X-Spendlens-Project': project },
    maxRetries: 0,
  });
const anthropic = (project: string) =>
  new Anthropic({
    apiKey: gw.key,
    baseURL: `${gw.url}/proxy/anthropic`,
    defaultHeaders: { 'X-Spendlens-Project': project },
    maxRetries: 0,
  });

/** A non-streamed chat call; the replayed answer costs 2200 µ$ (see passthrough.test.ts). */
const CALL_MICROS = 2200;
const chatBody = { model: 'gpt-4o', max_tokens: 250, messages: [{ role: 'user' as const, content: 'hi' }] };
/**
 * The gateway's estimate of `chatBody`: its bytes as input tokens (3 bytes each, rounded up) at
 * gpt-4o's $2.50/M and its 250 output tokens at $10/M, rounded half up to a micro-dollar.
 */
const bodyBytes = Buffer.byteLength(JSON.stringify(chatBody));
const ESTIMATE_MICROS = Math.ceil(Math.ceil(bodyBytes / 3) * 2.5) + 250 * 10;

/** One call, waiting until it is recorded and its reservation settled, so the next one sees its cost. */
async function chat(project: string) {
  const answer = await openai(project).chat.completions.create(chatBody).withResponse();
  await gw.records();
  return answer;
}

async function budget(id: string, definition: Record<string, unknown>) {
  const made = await gw.app.app.inject({
    method: 'POST',
    url: '/api/v1/budgets',
    headers: gw.app.auth,
    payload: { id, ...definition },
  });
  expect(made.statusCode, made.body).toBe(201);
}

const micros = (n: number) => (n / 1e6).toFixed(6);
const countFor = async (project: string) => (await gw.records()).filter((r) => r.project === project).length;

describe('hard budgets', () => {
  it('refuse the call that would cross it and the next ones, on either route, until the reset', async () => {
    clock.now = new Date('2026-12-07T10:00:00Z');
    await budget('nightly-cap', {
      name: 'Nightly cap',
      period: 'day',
      amount: '0.01',
      scope: { dimension: 'project', value: 'nightly' },
      enforce: 'hard',
    });
    // 4 calls: 8800 µ$ spent; a 5th (estimate ≈ 2.6k µ$) would cross 10000.
    for (let i = 0; i < 4; i++) await chat('nightly');
    const sent = upstream.requests.length;
    const refused = await chat('nightly').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(OpenAI.RateLimitError);
    const e = refused as InstanceType<typeof OpenAI.RateLimitError>;
    expect(e.status).toBe(429);
    expect(e.error).toMatchObject({ type: 'insufficient_quota', code: 'budget_exceeded' });
    expect(e.message).toContain('"Nightly cap"');
    expect(e.message).toContain('0.008800 USD spent or in flight');
    expect(e.message).toContain('It resets at 2026-12-08T00:00:00.000Z');
    // 14 hours from 10:00 to the day's end
    expect(e.headers?.get('retry-after')).toBe('50400');
    await expect(chat('nightly')).rejects.toBeInstanceOf(OpenAI.RateLimitError);

    const viaAnthropic = await anthropic('nightly')
      .messages.create({
        model: 'claude-sonnet-4-5',
        max_tokens: 100,
        messages: [{ role: 'user', content: 'hi' }],
      })
      .catch((x: unknown) => x);
    expect(viaAnthropic).toBeInstanceOf(Anthropic.RateLimitError);
    const a = viaAnthropic as InstanceType<typeof Anthropic.RateLimitError>;
    expect(a.error).toEqual({
      type: 'error',
      error: { type: 'rate_limit_error', message: expect.stringContaining('"Nightly cap"') },
    });
    expect(a.headers?.get('retry-after')).toBe('50400');
    expect(upstream.requests.length).toBe(sent);
    expect(await countFor('nightly')).toBe(4);

    clock.now = new Date('2026-12-07T23:59:59Z');
    const last = await chat('nightly').catch((x: unknown) => x);
    expect((last as InstanceType<typeof OpenAI.RateLimitError>).headers?.get('retry-after')).toBe('1');

    clock.now = new Date('2026-12-08T00:00:00Z');
    for (let i = 0; i < 4; i++) await chat('nightly');
    await expect(chat('nightly')).rejects.toBeInstanceOf(OpenAI.RateLimitError);
    expect(await countFor('nightly')).toBe(8);
  });

  it('let a call through when spend plus its estimate lands exactly on the amount, not one micro past', async () => {
    clock.now = new Date('2026-12-07T11:00:00Z');
    const exact = CALL_MICROS + ESTIMATE_MICROS;
    await budget('edge-exact', {
      period: 'day',
      amount: micros(exact),
      scope: { dimension: 'project', value: 'edge' },
      enforce: 'hard',
    });
    await budget('edge-short', {
      period: 'day',
      amount: micros(exact - 1),
      scope: { dimension: 'project', value: 'edge-short' },
      enforce: 'hard',
    });
    const first = upstream.requests.length;
    await chat('edge');
    expect(upstream.requests[first]?.headers['content-length']).toBe(String(bodyBytes));
    const atAmount = await chat('edge');
    expect(atAmount.response.headers.get('x-spendlens-budget-remaining')).toBe(
      `${micros(exact - CALL_MICROS)} USD`,
    );
    await chat('edge-short');
    const refused = await chat('edge-short').catch((e: unknown) => e);
    expect((refused as Error).message).toContain(
      `would be exceeded: 0.002200 USD spent or in flight, this call may cost up to ${micros(ESTIMATE_MICROS)} USD`,
    );
    expect(await countFor('edge')).toBe(2);
    expect(await countFor('edge-short')).toBe(1);
  });

  it('settle each reservation to the call’s actual cost: no drift after 50 calls, streamed and not', async () => {
    clock.now = new Date('2026-12-07T12:00:00Z');
    await budget('drift', {
      period: 'month',
      amount: '1',
      scope: { dimension: 'project', value: 'drift' },
      enforce: 'hard',
    });
    const client = openai('drift');
    for (let batch = 0; batch < 5; batch++) {
      await Promise.all(
        Array.from({ length: 10 }, async (_, i) => {
          if (i % 2 === 0) return client.chat.completions.create(chatBody);
          const stream = await client.chat.completions.create({ ...chatBody, stream: true });
          for await (const _chunk of stream);
        }),
      );
    }
    await gw.records();
    // 25 × 2200 µ$ + 25 streamed × 2350 µ$ (300 in × $2.50/M + 512 cached × $1.25/M + 96 out × $10/M)
    const spent = 25 * 2200 + 25 * 2350;
    const drift = (await gw.records()).filter((r) => r.project === 'drift');
    expect(drift).toHaveLength(50);
    expect(drift.reduce((s, r) => s + (r.costMicros ?? 0), 0)).toBe(spent);
    const next = await chat('drift');
    expect(next.response.headers.get('x-spendlens-budget-remaining')).toBe(`${micros(1e6 - spent)} USD`);
  });
  it('hold under 16 clients calling at once: never passed, and the last refusals see the whole spend', async () => {
    clock.now = new Date('2026-12-07T14:00:00Z');
    await budget('crowd', {
      period: 'day',
      amount: '0.03',
      scope: { dimension: 'project', value: 'crowd' },
      enforce: 'hard',
    });
    const client = openai('crowd');
    const until429 = async () => {
      for (;;) {
        const ok = await client.chat.completions.create(chatBody).then(
          () => true,
          (e: unknown) => {
            if (e instanceof OpenAI.RateLimitError) return false;
            throw e;
          },
        );
        if (!ok) return;
      }
    };
    await Promise.all(Array.from({ length: 16 }, until429));
    await gw.records();
    await until429();
    const spent = (await gw.records())
      .filter((r) => r.project === 'crowd')
      .reduce((sum, r) => sum + (r.costMicros ?? 0), 0);
    // each estimate is above the call's cost (2200 µ$), so no call in flight can push the spend past it
    expect(spent).toBeLessThanOrEqual(30_000);
    // and a lone call that would still fit is never refused: the spend stops within one estimate of the amount
    expect(spent).toBeGreaterThan(30_000 - ESTIMATE_MICROS);
  });
});

describe('soft budgets', () => {
  it('let calls through past the amount and say what is left', async () => {
    clock.now = new Date('2026-12-07T13:00:00Z');
    await budget('eval-soft', {
      period: 'month',
      amount: '0.003',
      scope: { dimension: 'project', value: 'eval' },
      enforce: 'soft',
    });
    const left: (string | null)[] = [];
    for (let i = 0; i < 3; i++) {
      const { response } = await chat('eval');
      left.push(response.headers.get('x-spendlens-budget-remaining'));
    }
    expect(left).toEqual(['0.003000 USD', '0.000800 USD', '-0.001400 USD']);
    expect(await countFor('eval')).toBe(3);
  });
});

describe('per-key rate limits', () => {
  let limited: GatewayHarness;
  const rateClock = { now: new Date('2026-12-07T10:00:30Z') };
  beforeAll(async () => {
    limited = await startGateway({
      upstream,
      now: () => rateClock.now,
      toml: '\n[gateway]\nrpm = 3\ntpm = 2000\n',
    });
  });
  afterAll(() => limited?.close());
  const call = async (key: string) => {
    const answer = await openai('rate', key, limited.url).chat.completions.create(chatBody);
    await limited.records();
    return answer;
  };
  const newKey = async () => {
    const made = await limited.app.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: limited.app.auth,
      payload: { scopes: ['gateway'] },
    });
    return (made.json() as { token: string }).token;
  };

  it('refuse a key past its requests per minute until the next minute, other keys unaffected', async () => {
    rateClock.now = new Date('2026-12-07T10:00:30Z');
    const key = await newKey();
    // why: the replayed call uses 1248 tokens, under the limit of 2000 only for the first two calls;
    // the embeddings call (8 tokens) isolates the request count.
    const embed = () =>
      openai('rate', key, limited.url).embeddings.create({ model: 'text-embedding-3-small', input: 'x' });
    for (let i = 0; i < 3; i++) await embed();
    const refused = await embed().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(OpenAI.RateLimitError);
    const e = refused as InstanceType<typeof OpenAI.RateLimitError>;
    expect(e.error).toMatchObject({ type: 'requests', code: 'rate_limit_exceeded' });
    expect(e.message).toContain('requests per minute: limit 3');
    expect(e.headers?.get('retry-after')).toBe('30');
    await call(await newKey());
    rateClock.now = new Date('2026-12-07T10:01:00Z');
    await expect(embed()).resolves.toMatchObject({ object: 'list' });
  });

  it('refuse a key past its tokens per minute from its next call on, until the next minute', async () => {
    rateClock.now = new Date('2026-12-07T10:05:50Z');
    const key = await newKey();
    await call(key);
    await call(key);
    const refused = await call(key).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(OpenAI.RateLimitError);
    const e = refused as InstanceType<typeof OpenAI.RateLimitError>;
    expect(e.error).toMatchObject({ type: 'tokens', code: 'rate_limit_exceeded' });
    expect(e.message).toContain('tokens per minute: limit 2000, used 2496');
    expect(e.headers?.get('retry-after')).toBe('10');
    rateClock.now = new Date('2026-12-07T10:06:00Z');
    await expect(call(key)).resolves.toMatchObject({ object: 'chat.completion' });
  });

  it('list the refused calls, newest first, to admins only', async () => {
    const listed = await limited.app.app.inject({
      method: 'GET',
      url: '/api/v1/gateway/refusals?limit=2',
      headers: limited.app.auth,
    });
    const { refusals } = listed.json() as { refusals: { at: string; reason: string; upstream: string }[] };
    expect(refusals.map((r) => [r.at, r.reason, r.upstream])).toEqual([
      ['2026-12-07T10:05:50.000Z', 'rate_tokens', 'openai'],
      ['2026-12-07T10:00:30.000Z', 'rate_requests', 'openai'],
    ]);
    const reader = await limited.app.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: limited.app.auth,
      payload: { scopes: ['read'] },
    });
    const asReader = await limited.app.app.inject({
      method: 'GET',
      url: '/api/v1/gateway/refusals',
      headers: { authorization: `Bearer ${(reader.json() as { token: string }).token}` },
    });
    expect(asReader.statusCode).toBe(403);
  });

  it('answer Anthropic clients in their own 429 shape', async () => {
    rateClock.now = new Date('2026-12-07T10:10:00Z');
    const key = await newKey();
    const client = new Anthropic({ apiKey: key, baseURL: `${limited.url}/proxy/anthropic`, maxRetries: 0 });
    const count = () =>
      client.messages.countTokens({ model: 'claude-sonnet-4-5', messages: [{ role: 'user', content: 'x' }] });
    for (let i = 0; i < 3; i++) await count();
    const refused = await count().catch((x: unknown) => x);
    expect(refused).toBeInstanceOf(Anthropic.RateLimitError);
    expect((refused as InstanceType<typeof Anthropic.RateLimitError>).error).toEqual({
      type: 'error',
      error: { type: 'rate_limit_error', message: expect.stringContaining('requests per minute') },
    });
    expect((refused as InstanceType<typeof Anthropic.RateLimitError>).headers?.get('retry-after')).toBe('60');
  });
});
