import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, testEngines } from '../../helpers/app.ts';

const engines = await testEngines('OTLP metrics ingest on PostgreSQL');
const text = (name: string) =>
  readFileSync(new URL(`../../fixtures/${name}`, import.meta.url)).toString('utf8');
const NANOS = 1_000_000n;

/** The recorded Claude Code delta export (cost + four token types) for a given session and user. */
const deltaExport = (session: string, email: string) =>
  text('otlp-metrics/claude-code-delta.json').replaceAll('SESSION', session).replaceAll('EMAIL', email);

/** The recorded api_request events, moved to another session and user. */
const eventsExport = (session: string, email: string) =>
  text('otlp-logs/claude-code.json')
    .replaceAll('6f1c0a4e-93d1-4a7e-b0f5-2b1b8c7de0e2', session)
    .replaceAll('ana@example.com', email);

interface Point {
  start: number;
  time: number;
  cost?: number;
  output?: number;
  model?: string;
}
const attr = (key: string, value: string) => ({ key, value: { stringValue: value } });

/** A Claude Code metrics export of cost and output-token points (ms instants), in one temporality. */
function sumExport(temporality: number, session: string, points: Point[]) {
  const nanos = (ms: number) => String(BigInt(ms) * NANOS);
  const common = (p: Point) => [
    ...(p.model === '' ? [] : [attr('model', p.model ?? 'claude-opus-4-5')]),
    attr('session.id', session),
    attr('user.email', `${session}@example.com`),
  ];
  const metric = (name: string, pick: (p: Point) => number | undefined, type?: string) => ({
    name,
    sum: {
      aggregationTemporality: temporality,
      isMonotonic: true,
      dataPoints: points
        .filter((p) => pick(p) !== undefined)
        .map((p) => ({
          startTimeUnixNano: nanos(p.start),
          timeUnixNano: nanos(p.time),
          asDouble: pick(p),
          attributes: type ? [attr('type', type), ...common(p)] : common(p),
        })),
    },
  });
  return JSON.stringify({
    resourceMetrics: [
      {
        resource: { attributes: [attr('service.name', 'claude-code')] },
        scopeMetrics: [
          {
            scope: { name: 'com.anthropic.claude_code' },
            metrics: [
              metric('claude_code.cost.usage', (p) => p.cost),
              metric('claude_code.token.usage', (p) => p.output, 'output'),
            ],
          },
        ],
      },
    ],
  });
}

describe.each(engines)('POST /v1/metrics: Claude Code cost and token counters on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({}, undefined, engine);
  });
  afterAll(async () => t?.close());

  const post = async (url: '/v1/metrics' | '/v1/logs', body: string) => {
    const res = await t.app.inject({
      method: 'POST',
      url,
      headers: { ...t.auth, 'content-type': 'application/json' },
      payload: body,
    });
    expect(res.statusCode).toBe(200);
    return res.json();
  };
  /** What the spend API says one user spent, with the records behind it. */
  const spendOf = async (user: string) => {
    const res = await t.app.inject({
      url: `/api/v1/spend?from=2026-08-01&to=2026-09-01&groupBy=user&user=${encodeURIComponent(user)}`,
      headers: t.auth,
    });
    const row = (res.json().rows as { user: string; cost: string; outputTokens: number }[]).find(
      (r) => r.user === user,
    );
    const list = await t.app.inject({
      url: `/api/v1/usage?from=2026-08-01&to=2026-09-01&user=${encodeURIComponent(user)}`,
      headers: t.auth,
    });
    return { cost: row?.cost ?? '0', outputTokens: row?.outputTokens ?? 0, records: list.json().records };
  };

  it('books a session that sends only metrics, one record per interval, and a resend adds nothing', async () => {
    const body = deltaExport('metrics-only', 'mo@example.com');
    expect(await post('/v1/metrics', body)).toEqual({});
    expect(await post('/v1/metrics', body)).toEqual({});
    const spend = await spendOf('mo@example.com');
    expect(spend.cost).toBe('0.042100');
    expect(spend.records).toHaveLength(1);
    expect(spend.records[0]).toMatchObject({
      model: 'claude-sonnet-5',
      timestamp: '2026-08-22T12:00:00.000Z',
      endTimestamp: '2026-08-22T12:01:00.000Z',
      inputTokens: 812,
      outputTokens: 1290,
      cacheReadTokens: 48000,
      cacheWriteTokens: 2100,
      requests: 0,
      costKind: 'billed',
      tags: { agent: 'claude-code', signal: 'metric', session: 'metrics-only' },
    });
  });

  it('counts calls once when the events arrive first: the metric is only a check', async () => {
    await post('/v1/logs', eventsExport('events-first', 'ef@example.com'));
    await post('/v1/metrics', deltaExport('events-first', 'ef@example.com'));
    const spend = await spendOf('ef@example.com');
    // The two api_request events: $0.0421 (sonnet) + $0.0025 (haiku); the metric's $0.0421 is not added.
    expect(spend.cost).toBe('0.044600');
    expect(spend.records.map((r: { tags: { signal: string } }) => r.tags.signal)).toEqual(['event', 'event']);
  });

  it('counts calls once when the metrics arrive first: the events replace them, audited', async () => {
    await post('/v1/metrics', deltaExport('metrics-first', 'mf@example.com'));
    expect((await spendOf('mf@example.com')).cost).toBe('0.042100');
    await post('/v1/logs', eventsExport('metrics-first', 'mf@example.com'));
    await post('/v1/metrics', deltaExport('metrics-first', 'mf@example.com'));
    const spend = await spendOf('mf@example.com');
    expect(spend.cost).toBe('0.044600');
    expect(spend.records).toHaveLength(2);
    const audit = await t.app.inject({ url: '/api/v1/audit', headers: t.auth });
    expect(JSON.stringify(audit.json())).toContain('superseded by the usage events');
  });

  it('turns cumulative totals into intervals: resends, flat exports and restarts add only what is new', async () => {
    const t0 = Date.parse('2026-08-23T09:00:00Z');
    const min = 60_000;
    const send = (points: Point[]) => post('/v1/metrics', sumExport(2, 'cumulative', points));
    await send([{ start: t0, time: t0 + min, cost: 0.01, output: 100 }]);
    const second = { start: t0, time: t0 + 2 * min, cost: 0.03, output: 300 };
    await send([second]);
    await send([second]); // the exporter retried
    await send([{ start: t0, time: t0 + 3 * min, cost: 0.03, output: 300 }]); // nothing happened
    // The process restarted: a new start time, totals from zero.
    await send([{ start: t0 + 4 * min, time: t0 + 5 * min, cost: 0.005, output: 40 }]);
    // A total that went down without a new start time is a restart too.
    await send([{ start: t0 + 4 * min, time: t0 + 6 * min, cost: 0.002, output: 10 }]);
    const spend = await spendOf('cumulative@example.com');
    expect(spend.cost).toBe('0.037000');
    expect(spend.outputTokens).toBe(350);
    expect(spend.records).toHaveLength(4);
  });

  it('takes delta points as they are, 2^53 and beyond refused by name, and bad points rejected one by one', async () => {
    const t0 = Date.parse('2026-08-24T09:00:00Z');
    const body = sumExport(1, 'bad-points', [
      { start: t0, time: t0 + 60_000, cost: 0.5, output: 1000 },
      { start: t0, time: t0 + 60_000, cost: 0.25, output: 10, model: '' },
      { start: t0, time: t0 + 60_000, cost: -1, model: 'claude-haiku-4-5' },
      { start: t0, time: t0 + 60_000, output: 2 ** 53 + 2, model: 'claude-sonnet-4-5' },
    ]);
    const res = await post('/v1/metrics', body);
    expect(res.partialSuccess.rejectedDataPoints).toBe('4');
    expect(res.partialSuccess.errorMessage).toContain('model: missing');
    expect(res.partialSuccess.errorMessage).toContain('claude_code.cost.usage: must not be negative');
    expect(res.partialSuccess.errorMessage).toContain('(type output): must be at most 1000000000000');
    const spend = await spendOf('bad-points@example.com');
    expect(spend.cost).toBe('0.500000');
    expect(spend.outputTokens).toBe(1000);
    const unspecified = await post(
      '/v1/metrics',
      sumExport(0, 'bad-points', [{ start: t0, time: t0, cost: 1 }]),
    );
    expect(unspecified.partialSuccess.errorMessage).toContain(
      'aggregationTemporality: must be 1 (delta) or 2',
    );
  });
});
