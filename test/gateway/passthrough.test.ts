import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GatewayHarness, PROVIDER_KEYS, startGateway } from './harness.ts';

let gw: GatewayHarness;
const attribution = {
  'X-Spendlens-User': 'ada',
  'X-Spendlens-Team': 'ml',
  'X-Spendlens-Project': 'nightly',
  'X-Spendlens-Tags': 'env=prod, job=eval',
};

beforeAll(async () => {
  gw = await startGateway();
});
afterAll(() => gw?.close());

const openai = () =>
  new OpenAI({
    apiKey: gw.key,
    baseURL: `${gw.url}/proxy/openai/v1`,
    defaultHeaders: attribution,
    maxRetries: 0,
  });
const anthropic = (auth: { apiKey?: string | null; authToken?: string | null } = { apiKey: gw.key }) =>
  new Anthropic({ ...auth, baseURL: `${gw.url}/proxy/anthropic`, maxRetries: 0 });
const recordOf = async (id: string) => (await gw.records()).find((r) => r.id === id);

describe('gateway pass-through with the official SDKs', () => {
  it('records a Chat Completions call with the provider id, exact tokens and list price', async () => {
    const before = gw.upstream.requests.length;
    const done = await openai().chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(done.id).toBe('chatcmpl-CZx2b7gTq0Lw1pYtUe8vH3kN5rA9d');
    const sent = gw.upstream.requests[before];
    expect(sent?.headers.authorization).toBe(`Bearer ${PROVIDER_KEYS.OPENAI_TEST_KEY}`);
    expect(Object.keys(sent?.headers ?? {}).filter((h) => h.startsWith('x-spendlens-'))).toEqual([]);
    const r = await recordOf(done.id);
    // 1200 prompt tokens of which 1024 cached: $2.50/M × 176 + $1.25/M × 1024 + $10/M × 48 = 2200 µ$
    expect(r).toMatchObject({
      provider: 'openai',
      service: 'chat',
      model: 'gpt-4o-2024-08-06',
      inputTokens: 176,
      cacheReadTokens: 1024,
      outputTokens: 48,
      costKind: 'estimated',
      costMicros: 2200,
      user: 'ada',
      team: 'ml',
      project: 'nightly',
      source: 'gateway',
    });
    expect(r?.tags).toMatchObject({ env: 'prod', job: 'eval', serviceTier: 'default' });
  });

  it('streams Chat Completions, asks for usage and keeps the usage chunk from a client that did not', async () => {
    const before = gw.upstream.requests.length;
    const stream = await openai().chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    });
    const chunks = [];
    for await (const c of stream) chunks.push(c);
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe('Hello there');
    expect(chunks.every((c) => c.choices.length === 1 && !c.usage)).toBe(true);
    expect(gw.upstream.requests[before]?.body?.stream_options).toEqual({ include_usage: true });
    const r = await recordOf('chatcmpl-CZx3StreamQ8v2mN7pL0kJ4hG');
    expect(r).toMatchObject({
      inputTokens: 300,
      cacheReadTokens: 512,
      outputTokens: 96,
      costKind: 'estimated',
    });
  });

  it('passes the usage chunk to a client that asked for it', async () => {
    const stream = await openai().chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const c of stream) chunks.push(c);
    expect(chunks.at(-1)?.usage?.prompt_tokens).toBe(812);
  });

  it('records Responses calls, streamed and not, from their terminal usage', async () => {
    const once = await openai().responses.create({ model: 'gpt-4o', input: 'hi' });
    const stream = await openai().responses.create({ model: 'gpt-4o', input: 'hi', stream: true });
    const types: string[] = [];
    for await (const e of stream) types.push(e.type);
    expect(types.at(-1)).toBe('response.completed');
    for (const id of [once.id, 'resp_68af1d00streamaa11bb22cc33dd44']) {
      expect(await recordOf(id)).toMatchObject({
        inputTokens: 1152,
        cacheReadTokens: 2048,
        outputTokens: 410,
        reasoningTokens: 128,
      });
    }
  });

  it('records embeddings under a gateway id (the provider gives none)', async () => {
    const before = (await gw.records()).length;
    await openai().embeddings.create({ model: 'text-embedding-3-small', input: 'hello' });
    const added = (await gw.records()).slice(before);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({
      service: 'embeddings',
      model: 'text-embedding-3-small',
      inputTokens: 8,
      outputTokens: 0,
    });
    expect(added[0]?.id).toMatch(/^gw_/);
  });

  it('records an Anthropic message with its cache tokens, version and beta headers passed through', async () => {
    const before = gw.upstream.requests.length;
    const msg = await anthropic().messages.create(
      { model: 'claude-sonnet-4-5', max_tokens: 2000, messages: [{ role: 'user', content: 'hi' }] },
      { headers: { 'anthropic-beta': 'fast-mode-2026-02-01', 'anthropic-version': '2023-06-01' } },
    );
    const sent = gw.upstream.requests[before];
    expect(sent?.headers['x-api-key']).toBe(PROVIDER_KEYS.ANTHROPIC_TEST_KEY);
    expect(sent?.headers.authorization).toBeUndefined();
    expect(sent?.headers['anthropic-version']).toBe('2023-06-01');
    expect(sent?.headers['anthropic-beta']).toBe('fast-mode-2026-02-01');
    // $3/M × 812 + $3.75/M × 2100 (5-minute write) + $0.30/M × 48000 + $15/M × 1290 = 44061 µ$
    expect(await recordOf(msg.id)).toMatchObject({
      provider: 'anthropic',
      model: 'claude-sonnet-4-5-20250929',
      inputTokens: 812,
      cacheWriteTokens: 2100,
      cacheReadTokens: 48000,
      outputTokens: 1290,
      costMicros: 44061,
    });
  });

  it('streams an Anthropic message with a Bearer key and bills the last usage, not a sum', async () => {
    const final = await anthropic({ authToken: gw.key, apiKey: null })
      .messages.stream({
        model: 'claude-sonnet-4-5',
        max_tokens: 2000,
        messages: [{ role: 'user', content: 'hi' }],
      })
      .finalMessage();
    expect(final.content[0]).toMatchObject({ type: 'text', text: 'Hello!' });
    expect(await recordOf('msg_01StreamK7mXq2vLp9Yt4Rb')).toMatchObject({
      inputTokens: 812,
      outputTokens: 1290,
      costMicros: 44061,
    });
  });

  it('bills a stream the client left: the upstream is read to its end', async () => {
    gw.upstream.eventDelayMs = 40;
    const finished = gw.upstream.finishedStreams;
    const abort = new AbortController();
    const res = await fetch(`${gw.url}/proxy/anthropic/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': gw.key, 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'claude-sonnet-4-5', max_tokens: 10, stream: true, messages: [] }),
      signal: abort.signal,
    });
    const reader = res.body?.getReader();
    await reader?.read();
    abort.abort();
    await expect.poll(() => gw.upstream.finishedStreams, { timeout: 10_000 }).toBe(finished + 1);
    gw.upstream.eventDelayMs = 0;
    const all = (await gw.records()).filter((r) => r.id === 'msg_01StreamK7mXq2vLp9Yt4Rb');
    expect(all).toHaveLength(1);
    expect(all[0]?.outputTokens).toBe(1290);
  });

  it('sends the secure headers of every answer on proxied answers and refusals, the same from call to call', async () => {
    const api = await fetch(`${gw.url}/healthz`);
    const secure = [...api.headers].filter(([name]) =>
      /^(content-security-policy|cross-origin-|origin-agent-cluster|referrer-policy|strict-transport-security|x-content-type-options|x-dns-prefetch-control|x-download-options|x-frame-options|x-permitted-cross-domain-policies|x-xss-protection)/.test(
        name,
      ),
    );
    expect(secure.length).toBeGreaterThan(5);
    const call = () =>
      fetch(`${gw.url}/proxy/openai/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${gw.key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }),
      });
    const refused = await fetch(`${gw.url}/proxy/openai/v1/models`, {
      headers: { authorization: 'Bearer nope' },
    });
    const unknown = await fetch(`${gw.url}/proxy/nowhere/v1/models`);
    for (const res of [await call(), await call(), refused, unknown]) {
      await res.arrayBuffer();
      for (const [name, value] of secure) expect(res.headers.get(name), name).toBe(value);
    }
    expect(refused.status).toBe(401);
    expect(unknown.status).toBe(404);
  });

  it('refuses a wrong key and a key without the gateway scope in the provider shape', async () => {
    const bad = new OpenAI({ apiKey: 'sl_not-a-token', baseURL: `${gw.url}/proxy/openai/v1`, maxRetries: 0 });
    await expect(bad.models.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
    const made = await gw.app.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: gw.app.auth,
      payload: { scopes: ['read'] },
    });
    const reader = anthropic({ apiKey: (made.json() as { token: string }).token });
    const refused = reader.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 5, messages: [] });
    await expect(refused).rejects.toBeInstanceOf(Anthropic.PermissionDeniedError);
    await expect(refused).rejects.toThrow(/gateway/);
  });
});
