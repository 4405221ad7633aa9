import { gzipSync } from 'node:zlib';
import { type Attributes, DiagLogLevel, diag, SpanKind } from '@opentelemetry/api';
import { OTLPTraceExporter as JsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider, type SpanExporter } from '@opentelemetry/sdk-trace-node';
import protobuf from 'protobufjs/light.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_TOKEN, type TestApp, testEngines } from '../helpers/app.ts';

const engines = await testEngines('OTLP ingest on PostgreSQL');
const START = new Date('2026-11-02T10:00:00Z');

/** Sends spans through the real SDK pipeline (provider, batch processor, OTLP exporter) and flushes. */
async function sendSpans(exporter: SpanExporter, service: string, spans: Attributes[]): Promise<void> {
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': service, 'enduser.id': 'ana@example.com' }),
    spanProcessors: [new BatchSpanProcessor(exporter)],
  });
  const tracer = provider.getTracer('spendlens-test');
  for (const attributes of spans) {
    tracer.startSpan('chat', { kind: SpanKind.CLIENT, attributes, startTime: START }).end(START);
  }
  await provider.forceFlush();
  await provider.shutdown();
}

const chat = (over: Attributes = {}): Attributes => ({
  'gen_ai.operation.name': 'chat',
  'gen_ai.provider.name': 'openai',
  'gen_ai.request.model': 'gpt-4o',
  'gen_ai.response.model': 'gpt-4o-2024-08-06',
  'gen_ai.usage.input_tokens': 1_100_000 / 10,
  'gen_ai.usage.cache_read.input_tokens': 10_000,
  'gen_ai.usage.output_tokens': 20_000,
  ...over,
});

describe.each(engines)('POST /v1/traces (OTLP/HTTP) on %s', (engine) => {
  let t: TestApp;
  let url: string;
  const warnings: string[] = [];
  beforeAll(async () => {
    t = await startTestApp({}, undefined, engine);
    url = `${await t.app.listen({ host: '127.0.0.1', port: 0 })}/v1/traces`;
    diag.setLogger(
      { ...diag, warn: (...args: unknown[]) => warnings.push(args.join(' ')) },
      DiagLogLevel.WARN,
    );
  });
  afterAll(async () => {
    diag.disable();
    await t.close();
  });
  const headers = { authorization: `Bearer ${TEST_TOKEN}` };
  const records = async (project: string) => {
    const res = await t.app.inject({
      url: `/api/v1/usage?from=2026-11-01&to=2026-11-03&project=${project}`,
      headers: t.auth,
    });
    return res.json().records as Record<string, unknown>[];
  };

  it('takes spans from the SDK JSON exporter, priced, with cache tokens out of input', async () => {
    await sendSpans(new JsonExporter({ url, headers }), 'chat-json', [chat(), { 'http.route': '/health' }]);
    const [record] = await records('chat-json');
    // gpt-4o: 100k input × $2.50/M + 10k cache read × $1.25/M + 20k output × $10/M
    expect(record).toMatchObject({
      id: expect.stringMatching(/^otel:[0-9a-f]{32}:[0-9a-f]{16}$/),
      source: 'otlp',
      timestamp: START.toISOString(),
      provider: 'openai',
      model: 'gpt-4o-2024-08-06',
      user: 'ana@example.com',
      inputTokens: 100_000,
      cacheReadTokens: 10_000,
      outputTokens: 20_000,
      costKind: 'estimated',
      cost: '0.462500',
    });
    expect(await records('chat-json')).toHaveLength(1);
  });

  it('takes gzipped protobuf from the SDK protobuf exporter, with billed costs and span attribution', async () => {
    const exporter = new ProtoExporter({ url, headers, compression: 'gzip' as never });
    const anthropic = chat({
      'gen_ai.provider.name': 'anthropic',
      'gen_ai.response.model': 'claude-sonnet-4-20250514',
      'gen_ai.usage.cost': 0.0421,
      'spendlens.team': 'support',
      'spendlens.user': 'bo@example.com',
    });
    await sendSpans(exporter, 'chat-proto', [
      anthropic,
      chat({ 'gen_ai.usage.reasoning.output_tokens': 500 }),
    ]);
    const got = await records('chat-proto');
    expect(got).toHaveLength(2);
    expect(got.find((r) => r.provider === 'anthropic')).toMatchObject({
      user: 'bo@example.com',
      team: 'support',
      costKind: 'billed',
      cost: '0.042100',
    });
    expect(got.find((r) => r.provider === 'openai')).toMatchObject({
      reasoningTokens: 500,
      user: 'ana@example.com',
    });
  });

  it('answers a partial success, in protobuf to the protobuf exporter, when some spans are bad', async () => {
    warnings.length = 0;
    const noModel = chat({ 'gen_ai.request.model': '', 'gen_ai.response.model': '' });
    await sendSpans(new ProtoExporter({ url, headers }), 'partial', [chat(), noModel]);
    expect(warnings.join('\n')).toMatch(/Partial Success.*"rejectedSpans":"?1"?.*no gen_ai\.response\.model/);
    expect(await records('partial')).toHaveLength(1);
  });

  it('answers OTLP errors: 400 for bodies it cannot decode, 415 for other types, 401 without a token', async () => {
    const post = (body: string | Uint8Array<ArrayBuffer>, type: string, extra: Record<string, string> = {}) =>
      fetch(url, { method: 'POST', headers: { ...headers, 'content-type': type, ...extra }, body });
    const json = await post('{"resourceSpans": [', 'application/json');
    expect(json.status).toBe(400);
    expect(await json.json()).toEqual({ code: 3, message: expect.stringContaining('not valid JSON') });
    expect((await post('{"resourceSpans": "x"}', 'application/json')).status).toBe(400);
    expect((await post('not gzip', 'application/json', { 'content-encoding': 'gzip' })).status).toBe(400);
    const proto = await post(new Uint8Array([0x0a, 0xff, 0xff, 0xff, 0x0f]), 'application/x-protobuf');
    expect(proto.status).toBe(400);
    expect(proto.headers.get('content-type')).toBe('application/x-protobuf');
    expect(decodeStatus(new Uint8Array(await proto.arrayBuffer()))).toMatchObject({ code: 3 });
    expect((await post('{}', 'text/plain')).status).toBe(415);
    const anonymous = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(anonymous.status).toBe(401);
  });

  it('reads gzipped JSON, counts a retried export once, and reports a rejected span by id', async () => {
    const span = (spanId: string, attributes: Record<string, unknown>[]) => ({
      traceId: '0af7651916cd43dd8448eb211c80319c',
      spanId,
      startTimeUnixNano: String(BigInt(START.getTime()) * 1_000_000n),
      attributes,
    });
    const attr = (key: string, value: unknown) => ({ key, value });
    const good = span('b7ad6b7169203331', [
      attr('gen_ai.request.model', { stringValue: 'gpt-4o-mini' }),
      attr('gen_ai.usage.input_tokens', { intValue: 1000 }),
      attr('spendlens.project', { stringValue: 'raw-json' }),
    ]);
    const bad = span('b7ad6b7169203332', [attr('gen_ai.usage.input_tokens', { intValue: '-5' })]);
    const body = new Uint8Array(
      gzipSync(JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: [good, bad] }] }] })),
    );
    const send = () =>
      fetch(url, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json', 'content-encoding': 'gzip' },
        body,
      });
    const first = await send();
    expect(first.status).toBe(200);
    expect((await first.json()).partialSuccess).toEqual({
      rejectedSpans: '1',
      errorMessage: expect.stringContaining('b7ad6b7169203332'),
    });
    await send();
    expect(await records('raw-json')).toEqual([
      expect.objectContaining({ id: 'otel:0af7651916cd43dd8448eb211c80319c:b7ad6b7169203331' }),
    ]);
  });
});

function decodeStatus(bytes: Uint8Array) {
  const Status = protobuf.Root.fromJSON({
    nested: { Status: { fields: { code: { type: 'int32', id: 1 }, message: { type: 'string', id: 2 } } } },
  }).lookupType('Status');
  return Status.toObject(Status.decode(bytes));
}
