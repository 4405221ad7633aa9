import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, testEngines } from '../helpers/app.ts';

const record = (over: Record<string, unknown> = {}) => ({
  id: 'call-1',
  timestamp: '2026-11-02T10:00:00Z',
  provider: 'openai',
  model: 'gpt-4o',
  user: 'ana',
  project: 'search',
  inputTokens: 1_000_000,
  outputTokens: 100_000,
  ...over,
});

const engines = await testEngines('the HTTP API on PostgreSQL');

describe.each(engines)('POST /api/v1/usage on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({}, undefined, engine);
  });
  afterAll(() => t.close());

  const post = (payload: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/usage',
      headers: { ...t.auth, ...headers },
      payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
    });
  const jsonHeaders = { 'content-type': 'application/json' };

  it('needs a bearer token', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/usage', payload: record() });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('unauthorized');
    const wrong = await t.app.inject({
      method: 'GET',
      url: '/api/v1/spend',
      headers: { authorization: 'Bearer nope' },
    });
    expect(wrong.statusCode).toBe(401);
  });

  it('takes one record, prices it from the catalog and reads it back', async () => {
    const res = await post(record({ id: 'one' }), jsonHeaders);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ accepted: 1, duplicates: 0, rejected: [], unpriced: [] });
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/v1/usage?from=2026-11-01&to=2026-11-03',
      headers: t.auth,
    });
    const [stored] = list.json().records;
    // gpt-4o: $2.50 per 1M input + $10 per 1M output → 2.5 + 1.0
    expect(stored).toMatchObject({ id: 'one', costKind: 'estimated', cost: '3.500000', currency: 'USD' });
  });

  it('lands the valid records of a mixed batch and names each bad field by index and path', async () => {
    const res = await post(
      [
        record({ id: 'ok-1' }),
        record({ id: 'bad-ts', timestamp: '2026-11-02T10:00:00' }),
        record({ id: 'bad-tokens', inputTokens: -5, outputTokens: 1.5 }),
        record({ id: 'bad-currency', cost: '1.00', currency: 'XYZ' }),
        record({ id: 'ok-2' }),
      ],
      jsonHeaders,
    );
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.accepted).toBe(2);
    expect(body.rejected.map((r: { index: number }) => r.index)).toEqual([1, 2, 3]);
    expect(body.rejected[0].errors).toEqual([
      { path: 'timestamp', message: expect.stringContaining('no time zone') },
    ]);
    expect(body.rejected[1].errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'inputTokens',
      'outputTokens',
    ]);
    expect(body.rejected[2].errors).toEqual([
      { path: 'currency', message: expect.stringContaining('ISO 4217') },
    ]);
  });

  it('answers 400 when every record is rejected, and for malformed JSON', async () => {
    const all = await post([record({ timestamp: 'yesterday' })], jsonHeaders);
    expect(all.statusCode).toBe(400);
    expect(all.json().rejected[0].errors[0].path).toBe('timestamp');
    const malformed = await post('{"id": "x", ', jsonHeaders);
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error).toMatchObject({
      code: 'bad_request',
      message: expect.stringContaining('not valid JSON'),
    });
  });

  it('counts duplicates within and across batches', async () => {
    const first = await post([record({ id: 'd1' }), record({ id: 'd1' }), record({ id: 'd2' })], jsonHeaders);
    expect(first.json()).toMatchObject({ accepted: 2, duplicates: 1 });
    const again = await post([record({ id: 'd1' }), record({ id: 'd2' })], jsonHeaders);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ accepted: 0, duplicates: 2 });
  });

  it('stores an unknown model as unpriced, never as $0, and lists it under pricing', async () => {
    const res = await post(
      record({ id: 'mystery', model: 'llama-9-ultra', provider: 'acme-ai' }),
      jsonHeaders,
    );
    expect(res.json().accepted).toBe(1);
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/v1/usage?model=llama-9-ultra&from=2026-11-01&to=2026-11-03',
      headers: t.auth,
    });
    expect(list.json().records[0]).toMatchObject({ costKind: 'unpriced', cost: null });
    const pricing = await t.app.inject({ method: 'GET', url: '/api/v1/pricing', headers: t.auth });
    expect(pricing.json().unpriced).toContainEqual(
      expect.objectContaining({ provider: 'acme-ai', model: 'llama-9-ultra', records: 1 }),
    );
  });

  it('takes NDJSON, rejecting only the bad line', async () => {
    const body = [
      JSON.stringify(record({ id: 'nd-1' })),
      '{not json',
      '',
      JSON.stringify(record({ id: 'nd-2' })),
    ].join('\n');
    const res = await post(body, { 'content-type': 'application/x-ndjson' });
    expect(res.statusCode).toBe(200);
    expect(res.json().accepted).toBe(2);
    expect(res.json().rejected).toEqual([
      { index: 1, errors: [{ path: '(line 2)', message: expect.stringContaining('not valid JSON') }] },
    ]);
  });

  it('takes a 5 MB NDJSON body in one request', async () => {
    const lines: string[] = [];
    let size = 0;
    for (let i = 0; size < 5 * 1024 * 1024; i++) {
      const line = JSON.stringify(
        record({
          id: `big-${i}`,
          context: `notebooks/run-${i}.ipynb`,
          tags: { env: 'prod', batch: 'five-mb' },
        }),
      );
      lines.push(line);
      size += line.length + 1;
    }
    const res = await post(lines.join('\n'), { 'content-type': 'application/x-ndjson' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ accepted: lines.length, duplicates: 0, rejected: [] });
  });
});

describe('body size limit', () => {
  it('answers 413 over the configured limit and stores nothing from that body', async () => {
    const small = await startTestAppWithLimit();
    try {
      const payload = JSON.stringify(
        Array.from({ length: 200 }, (_, i) => record({ id: `over-${i}`, context: 'x'.repeat(200) })),
      );
      const res = await small.app.inject({
        method: 'POST',
        url: '/api/v1/usage',
        headers: { ...small.auth, 'content-type': 'application/json' },
        payload,
      });
      expect(res.statusCode).toBe(413);
      expect(res.json().error).toMatchObject({
        code: 'payload_too_large',
        message: expect.stringContaining('limits.max_body_bytes'),
      });
      expect(await small.ctx.usage.countUsage(small.ctx.config.org)).toBe(0);
    } finally {
      await small.close();
    }
  });
});

async function startTestAppWithLimit(): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'spendlens-cfg-'));
  const file = join(dir, 'spendlens.toml');
  writeFileSync(file, '[limits]\nmax_body_bytes = 20000\n');
  return startTestApp({ SPENDLENS_CONFIG: file });
}
