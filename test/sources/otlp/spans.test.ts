import { describe, expect, it } from 'vitest';
import { decodeTraceRequest, readTraceRequest } from '../../../src/sources/otlp/index.ts';

type Value = string | number | boolean;
const attr = (key: string, value: Value) => ({
  key,
  value:
    typeof value === 'string'
      ? { stringValue: value }
      : typeof value === 'boolean'
        ? { boolValue: value }
        : Number.isInteger(value)
          ? { intValue: String(value) }
          : { doubleValue: value },
});
let next = 0;
const span = (attrs: Record<string, Value>, over: Record<string, unknown> = {}) => ({
  traceId: '5b8efff798038103d269b633813fc60c',
  spanId: (next++).toString(16).padStart(16, '0'),
  name: 'chat',
  kind: 3,
  startTimeUnixNano: '1762077600000000000',
  attributes: Object.entries(attrs).map(([k, v]) => attr(k, v)),
  ...over,
});
const request = (spans: unknown[], resource: Record<string, Value> = { 'service.name': 'support-bot' }) => ({
  resourceSpans: [
    {
      resource: { attributes: Object.entries(resource).map(([k, v]) => attr(k, v)) },
      scopeSpans: [{ scope: { name: 'genai' }, spans }],
    },
  ],
});
const read = (body: unknown) => {
  const r = readTraceRequest(body);
  if (!r.ok) throw new Error(r.message);
  return r.batch;
};

const chat = {
  'gen_ai.operation.name': 'chat',
  'gen_ai.provider.name': 'anthropic',
  'gen_ai.request.model': 'claude-sonnet-4',
  'gen_ai.response.model': 'claude-sonnet-4-20250514',
  'gen_ai.usage.input_tokens': 2150,
  'gen_ai.usage.cache_read.input_tokens': 2000,
  'gen_ai.usage.cache_creation.input_tokens': 50,
  'gen_ai.usage.output_tokens': 300,
};

describe('GenAI spans as usage', () => {
  it('takes cache tokens out of input, prefers the response model, ids by trace and span', () => {
    const s = span(chat);
    const [item] = read(request([s])).items;
    expect(item).toMatchObject({
      id: `otel:5b8efff798038103d269b633813fc60c:${s.spanId}`,
      timestamp: '2025-11-02T10:00:00.000Z',
      provider: 'anthropic',
      model: 'claude-sonnet-4-20250514',
      project: 'support-bot',
      inputTokens: 100,
      cacheReadTokens: 2000,
      cacheWriteTokens: 50,
      outputTokens: 300,
    });
    expect(item).not.toHaveProperty('cost');
  });

  it('reads the older names, reasoning tokens and a reported cost', () => {
    const [item] = read(
      request([
        span({
          'gen_ai.system': 'gcp.vertex_ai',
          'gen_ai.request.model': 'gemini-2.5-pro',
          'gen_ai.usage.prompt_tokens': 1000,
          'gen_ai.usage.completion_tokens': 400,
          'gen_ai.usage.reasoning.output_tokens': 150,
          'gen_ai.usage.cost': 0.0125,
        }),
      ]),
    ).items;
    expect(item).toMatchObject({
      provider: 'google',
      inputTokens: 1000,
      outputTokens: 400,
      reasoningTokens: 150,
      cost: 0.0125,
      costKind: 'billed',
    });
  });

  it('attributes from span over resource, spendlens.* over the standard keys', () => {
    const resource = { 'service.name': 'bot', 'enduser.id': 'res-user', 'spendlens.team': 'platform' };
    const [a, b] = read(
      request(
        [
          span({ ...chat, 'user.id': 'span-user' }),
          span({ ...chat, 'enduser.id': 'e', 'spendlens.user': 'ana', 'spendlens.project': 'search' }),
        ],
        resource,
      ),
    ).items;
    expect(a).toMatchObject({ user: 'span-user', team: 'platform', project: 'bot' });
    expect(b).toMatchObject({ user: 'ana', team: 'platform', project: 'search' });
  });

  it('ignores spans without GenAI usage and agent spans that sum their children', () => {
    const batch = read(
      request([
        span({ 'http.method': 'GET' }),
        span({ 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'gpt-4o' }),
        span({ ...chat, 'gen_ai.operation.name': 'invoke_agent' }),
        span(chat),
      ]),
    );
    expect(batch).toMatchObject({ ignored: 3, rejected: [] });
    expect(batch.items).toHaveLength(1);
  });

  it('rejects GenAI spans it cannot record and says why', () => {
    const batch = read(
      request([
        span({ 'gen_ai.usage.input_tokens': 5 }),
        span(chat, { traceId: 'xyz' }),
        span({ ...chat, 'gen_ai.usage.cost': true }),
      ]),
    );
    expect(batch.rejected).toEqual([
      expect.stringContaining('no gen_ai.response.model'),
      expect.stringContaining('traceId: must be 16 bytes as hex'),
      expect.stringContaining('gen_ai.usage.cost: must be a number'),
    ]);
  });

  it('refuses bodies that are not an ExportTraceServiceRequest', () => {
    expect(readTraceRequest({ resourceSpans: 'nope' })).toMatchObject({ ok: false });
    expect(readTraceRequest([1, 2])).toMatchObject({ ok: false });
    expect(read({}).items).toEqual([]);
    expect(() => decodeTraceRequest(Buffer.from([0x0a, 0xff, 0xff, 0xff]))).toThrow();
  });
});
