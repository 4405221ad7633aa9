import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Engine, startTestApp, type TestApp, testEngines } from '../helpers/app.ts';

const NOW = new Date('2026-11-20T12:00:00Z');
const engines = await testEngines('numeric limits');
const HUGE = '1e10000000';

/** Issue 13, item 3: one small request with a huge number stalled the server; the limits that stop it. */
describe.each(engines)('numeric limits (%s)', (engine: Engine) => {
  let t: TestApp;
  let ingest: Record<string, string>;
  let read: Record<string, string>;
  beforeAll(async () => {
    t = await startTestApp({}, () => NOW, engine);
    const token = async (scopes: string[]) => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/tokens',
        headers: t.auth,
        payload: { scopes },
      });
      return { authorization: `Bearer ${res.json().token}` };
    };
    ingest = await token(['ingest']);
    read = await token(['read']);
  });
  afterAll(() => t.close());

  async function send(
    url: string,
    headers: Record<string, string>,
    payload: unknown,
    type = 'application/json',
  ) {
    const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
    const started = performance.now();
    const res = await t.app.inject({
      method: 'POST',
      url,
      headers: { ...headers, 'content-type': type },
      payload: body,
    });
    expect(performance.now() - started).toBeLessThan(1000);
    return res;
  }
  const record = (extra: Record<string, unknown>) => ({
    timestamp: '2026-11-10T10:00:00Z',
    provider: 'openai',
    model: 'gpt-4o',
    ...extra,
  });

  it(`refuses "cost": "${HUGE}" at once with a short answer, on every route an ingest or read token reaches`, async () => {
    const usage = await send('/api/v1/usage', ingest, [record({ cost: HUGE })]);
    expect(usage.statusCode).toBe(400);
    expect(usage.body.length).toBeLessThan(500);
    expect(usage.json().rejected[0].errors[0]).toMatchObject({ path: 'cost' });
    expect(usage.json().rejected[0].errors[0].message).toContain('exponent within ±64');
    const influx = await send(
      '/api/v2/write',
      ingest,
      `ai_costs,model=gpt-4o tokens=5i,cost=${HUGE}`,
      'text/plain',
    );
    expect(influx.statusCode).toBe(400);
    expect(influx.body.length).toBeLessThan(500);
    const tx = [{ timestamp: '2026-11-10T10:00:00Z', cost_usd: HUGE }];
    const analyse = await send('/v1/analyse-spend', read, { transactions: tx });
    expect(analyse.statusCode).toBe(400);
    expect(analyse.body.length).toBeLessThan(500);
    const long = await send('/api/v1/usage', ingest, [record({ cost: `1${'0'.repeat(1_000_000)}` })]);
    expect(long.statusCode).toBe(400);
    expect(long.body.length).toBeLessThan(500);
  });

  it('takes a record at the per-record limits and refuses one past them, naming the field', async () => {
    const at = await send('/api/v1/usage', ingest, [
      record({ id: 'at-limit', inputTokens: 1e12, outputTokens: 1e12, requests: 1e12, cost: '1000000000' }),
    ]);
    expect(at.json()).toMatchObject({ accepted: 1, rejected: [] });
    const past = await send('/api/v1/usage', ingest, [
      record({ inputTokens: 1e12 + 1 }),
      record({ cost: '1000000000.000001' }),
      record({ cost: '-1000000000.000001' }),
      record({ requests: 2 ** 53 }),
    ]);
    expect(past.statusCode).toBe(400);
    const paths = past.json().rejected.map((r: { errors: { path: string }[] }) => r.errors[0]?.path);
    expect(paths).toEqual(['inputTokens', 'cost', 'cost', 'requests']);
  });

  it("refuses a record whose estimate would pass the limit, and re-pricing keeps others' costs", async () => {
    const price = {
      provider: 'selfhosted',
      model: 'dear',
      effectiveFrom: '2025-01-01',
      input: '1000000000',
      output: 0,
    };
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/pricing/overrides',
      headers: t.auth,
      payload: price,
    });
    expect(put.statusCode).toBe(200);
    const over = await send('/api/v1/usage', ingest, [
      record({ provider: 'selfhosted', model: 'dear', inputTokens: 2_000_000 }),
    ]);
    expect(over.json().rejected[0].errors[0]).toMatchObject({ path: 'cost' });
    expect(over.json().rejected[0].errors[0].message).toMatch(/estimated cost is beyond/);
    const fine = await send('/api/v1/usage', ingest, [
      record({ provider: 'selfhosted', model: 'dear', inputTokens: 1 }),
    ]);
    expect(fine.json().accepted).toBe(1);
    const repriced = await t.app.inject({
      method: 'POST',
      url: '/api/v1/pricing/reprice',
      headers: t.auth,
      payload: {},
    });
    expect(repriced.statusCode).toBe(200);
  });
});
