import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, testEngines } from '../../helpers/app.ts';

const engines = await testEngines('OTLP logs ingest on PostgreSQL');
const fixture = (name: string) => readFileSync(new URL(`../../fixtures/${name}`, import.meta.url));
const json = (name: string) => JSON.parse(fixture(name).toString('utf8'));

describe.each(engines)('POST /v1/logs: coding-assistant events on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({}, undefined, engine);
  });
  afterAll(async () => t?.close());

  const post = (body: string | Buffer, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: '/v1/logs',
      headers: { ...t.auth, 'content-type': 'application/json', ...headers },
      payload: body,
    });
  const records = async (agent: string) => {
    const res = await t.app.inject({
      url: `/api/v1/usage?from=2026-08-01&to=2026-09-01&tag.agent=${agent}`,
      headers: t.auth,
    });
    return (res.json().records as Record<string, unknown>[]).filter(
      (r) => (r.tags as Record<string, string>).agent === agent,
    );
  };

  it('books each Claude Code api_request once, with the reported cost, user, session and terminal', async () => {
    const body = fixture('otlp-logs/claude-code.json');
    const first = await post(body);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({});
    // An exporter's retry of the same export adds nothing.
    expect((await post(gzipSync(body), { 'content-encoding': 'gzip' })).statusCode).toBe(200);
    const got = await records('claude-code');
    expect(got).toHaveLength(2);
    const sonnet = got.find((r) => r.model === 'claude-sonnet-5');
    expect(sonnet).toMatchObject({
      id: 'claude-code:6f1c0a4e-93d1-4a7e-b0f5-2b1b8c7de0e2:17:1787400000123000000',
      source: 'otlp',
      timestamp: '2026-08-22T12:00:00.123Z',
      provider: 'anthropic',
      user: 'ana@example.com',
      team: 'platform',
      inputTokens: 812,
      outputTokens: 1290,
      cacheReadTokens: 48000,
      cacheWriteTokens: 2100,
      cost: '0.042100',
      costKind: 'billed',
      tags: {
        agent: 'claude-code',
        signal: 'event',
        session: '6f1c0a4e-93d1-4a7e-b0f5-2b1b8c7de0e2',
        organization: '3d0e5a2b-6c1f-4e8d-9b7a-1f2e3d4c5b6a',
        terminal: 'vscode',
        durationMs: '5310',
        requestId: 'req_011Cabc',
        speed: 'normal',
      },
    });
    // Pre-2.1.122 string values, a zero timeUnixNano (observed time used) and a malformed `{"doubleValue":{}}`.
    const haiku = got.find((r) => r.model === 'claude-haiku-4-5');
    expect(haiku).toMatchObject({
      timestamp: '2026-08-22T12:00:30.500Z',
      inputTokens: 1500,
      outputTokens: 200,
      cost: '0.002500',
    });
    expect(haiku?.tags).not.toHaveProperty('durationMs');
  });

  it('books Codex completed responses and Gemini CLI api_response events, priced from the catalog', async () => {
    expect((await post(fixture('otlp-logs/codex.json'))).json()).toEqual({});
    expect((await post(fixture('otlp-logs/gemini-cli.json'))).json()).toEqual({});
    const [codex, ...moreCodex] = await records('codex');
    expect(moreCodex).toHaveLength(0);
    expect(codex).toMatchObject({
      provider: 'openai',
      model: 'gpt-5',
      user: 'bo@example.com',
      timestamp: '2026-08-22T13:00:12.000Z',
      inputTokens: 20000,
      cacheReadTokens: 100000,
      outputTokens: 4000,
      reasoningTokens: 1500,
      costKind: 'estimated',
    });
    const [gemini] = await records('gemini-cli');
    expect(gemini).toMatchObject({
      provider: 'google',
      model: 'gemini-2.5-pro',
      user: 'cy@example.com',
      inputTokens: 6000,
      cacheReadTokens: 4000,
      outputTokens: 1100,
      reasoningTokens: 300,
      tags: { session: 'c7b1d8e2-44a0-4f35-9a3e-61d2f0b8a9c4' },
    });
  });

  it('refuses bad events one by one, naming the attribute, while the valid ones land', async () => {
    const doc = json('otlp-logs/claude-code.json');
    const template = doc.resourceLogs[0].scopeLogs[0].logRecords[1];
    const variant = (seq: number, change: (attrs: { key: string; value: unknown }[]) => void) => {
      const record = structuredClone(template);
      const attrs = record.attributes as { key: string; value: unknown }[];
      attrs.find((a) => a.key === 'event.sequence')!.value = { intValue: String(seq) };
      change(attrs);
      return record;
    };
    const drop = (key: string) => (attrs: { key: string; value: unknown }[]) => {
      attrs.splice(
        attrs.findIndex((a) => a.key === key),
        1,
      );
    };
    const set = (key: string, value: unknown) => (attrs: { key: string; value: unknown }[]) => {
      attrs.find((a) => a.key === key)!.value = value;
    };
    doc.resourceLogs[0].scopeLogs[0].logRecords = [
      variant(101, drop('model')),
      variant(102, (a) => {
        drop('cost_usd_micros')(a);
        set('cost_usd', { doubleValue: -0.5 })(a);
      }),
      variant(103, set('output_tokens', { intValue: '9007199254740993' })),
      variant(104, set('input_tokens', { doubleValue: 1.5 })),
      variant(105, set('cost_usd_micros', { intValue: '99999999999999999999' })),
      variant(106, () => {}),
    ];
    const res = await post(JSON.stringify(doc));
    expect(res.statusCode).toBe(200);
    const partial = res.json().partialSuccess;
    expect(partial.rejectedLogRecords).toBe('5');
    for (const named of [
      'model: missing',
      'cost_usd: must not be negative',
      'output_tokens: must be at most 1000000000000',
      'input_tokens: must be a whole number',
      'cost_usd_micros: must be at most',
    ]) {
      expect(partial.errorMessage).toContain(named);
    }
    const landed = (await records('claude-code')).filter((r) => String(r.id).includes(':106:'));
    expect(landed).toHaveLength(1);
  });

  it('answers 400 for undecodable bodies, 415 for other types, 401 without a token', async () => {
    const bad = await post('{"resourceLogs": [');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toEqual({ code: 3, message: expect.stringContaining('not valid JSON') });
    expect((await post('{"resourceLogs": "x"}')).statusCode).toBe(400);
    const proto = await post(Buffer.from([0x0a, 0xff, 0xff, 0xff, 0x0f]), {
      'content-type': 'application/x-protobuf',
    });
    expect(proto.statusCode).toBe(400);
    expect(proto.headers['content-type']).toBe('application/x-protobuf');
    expect((await post('{}', { 'content-type': 'text/plain' })).statusCode).toBe(415);
    const anonymous = await t.app.inject({
      method: 'POST',
      url: '/v1/logs',
      headers: { 'content-type': 'application/json' },
      payload: '{}',
    });
    expect(anonymous.statusCode).toBe(401);
  });
});
