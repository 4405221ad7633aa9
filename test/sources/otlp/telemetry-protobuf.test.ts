import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import protobuf from 'protobufjs/light.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, testEngines } from '../../helpers/app.ts';

const engines = await testEngines('OTLP protobuf telemetry on PostgreSQL');
// Recorded with the OpenTelemetry SDK's own serializers (test/fixtures/otlp-logs/record-protobuf.ts).
const LOGS = readFileSync(new URL('../../fixtures/otlp-logs/claude-code.pb', import.meta.url));
const METRICS = readFileSync(
  new URL('../../fixtures/otlp-metrics/claude-code-cumulative.pb', import.meta.url),
);

const response = protobuf.Root.fromJSON({
  nested: {
    Response: { fields: { partialSuccess: { type: 'Partial', id: 1 } } },
    Partial: { fields: { rejected: { type: 'int64', id: 1 }, errorMessage: { type: 'string', id: 2 } } },
  },
}).lookupType('Response');

describe.each(engines)('OTLP/protobuf logs and metrics from the SDK serializers on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({}, undefined, engine);
  });
  afterAll(async () => t?.close());

  const post = async (url: string, body: Buffer, headers: Record<string, string> = {}) => {
    const res = await t.app.inject({
      method: 'POST',
      url,
      headers: { ...t.auth, 'content-type': 'application/x-protobuf', ...headers },
      payload: body,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/x-protobuf');
    return response.toObject(response.decode(res.rawPayload));
  };
  const spendByUser = async () => {
    const res = await t.app.inject({
      url: '/api/v1/spend?from=2026-01-01&to=2027-12-31&groupBy=user',
      headers: t.auth,
    });
    const rows = res.json().rows as { user: string; cost: string; outputTokens: number }[];
    return Object.fromEntries(rows.map((r) => [r.user, [r.cost, r.outputTokens]]));
  };

  it('books cumulative metrics of sessions without events, then lets the events replace them', async () => {
    expect(await post('/v1/metrics', METRICS)).toEqual({});
    // Cumulative totals of the first collection: the two Opus calls and the Haiku call.
    expect(await spendByUser()).toMatchObject({
      'dee@example.com': ['0.278730', 3900],
      'eli@example.com': ['0.004100', 400],
    });
    expect(await post('/v1/logs', LOGS)).toEqual({});
    expect(await post('/v1/logs', Buffer.from(gzipSync(LOGS)), { 'content-encoding': 'gzip' })).toEqual({});
    expect(await post('/v1/metrics', METRICS)).toEqual({});
    expect(await spendByUser()).toMatchObject({
      'dee@example.com': ['0.278730', 3900],
      'eli@example.com': ['0.004100', 400],
    });
    const list = await t.app.inject({
      url: '/api/v1/usage?from=2026-01-01&to=2027-12-31&user=dee@example.com',
      headers: t.auth,
    });
    const records = list.json().records as { id: string; tags: Record<string, string> }[];
    expect(records.map((r) => r.tags.signal)).toEqual(['event', 'event']);
    expect(records.map((r) => r.id).sort()).toEqual([
      'claude-code:pb-session-1:3:1787648401250000000',
      'claude-code:pb-session-1:7:1787648441000000000',
    ]);
  });
});
