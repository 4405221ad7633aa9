import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, testEngines } from '../helpers/app.ts';

const AT = '2026-11-02T10:00:00Z';
const base = (over: Record<string, unknown>) => ({
  timestamp: AT,
  provider: 'openai',
  model: 'gpt-4o',
  ...over,
});

const engines = await testEngines('the HTTP API on PostgreSQL');

describe.each(engines)('POST /api/v1/usage: aliases, unknown fields and unpriced models on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({}, undefined, engine);
  });
  afterAll(() => t.close());

  const post = (payload: unknown, contentType = 'application/json') =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/usage',
      headers: { ...t.auth, 'content-type': contentType },
      payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
    });
  const stored = async (id: string) => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/usage?from=2026-11-01&to=2026-11-03&limit=1000',
      headers: t.auth,
    });
    return res.json().records.find((r: { id: string }) => r.id === id);
  };

  it('documents the aliases, their meaning and the unpriced answer in the OpenAPI document', async () => {
    const doc = (
      await t.app.inject({ method: 'GET', url: '/api/docs/openapi.json', headers: t.auth })
    ).json();
    const input = doc.components.schemas.UsageInput;
    expect(input.additionalProperties).toBe(false);
    expect(input.properties.input_tokens.description).toMatch(/Alias of inputTokens.*without cache tokens/);
    expect(input.properties.tokens_out).toMatchObject({ type: 'integer' });
    expect(Object.keys(input.patternProperties)).toHaveLength(1);
    const answer = doc.paths['/api/v1/usage'].post.responses[200].content['application/json'].schema;
    expect(answer).toEqual({ $ref: '#/components/schemas/IngestResult' });
    const result = doc.components.schemas.IngestResult;
    expect(Object.keys(result.properties)).toEqual(['accepted', 'duplicates', 'rejected', 'unpriced']);
  });

  it("lands the providers' snake_case tokens and prices them", async () => {
    const res = await post(base({ id: 'snake', input_tokens: 1_000_000, output_tokens: 100_000 }));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ accepted: 1, duplicates: 0, rejected: [], unpriced: [] });
    // gpt-4o: $2.50 per 1M input + $10 per 1M output
    expect(await stored('snake')).toMatchObject({
      inputTokens: 1_000_000,
      outputTokens: 100_000,
      costKind: 'estimated',
      cost: '3.500000',
    });
  });

  it('takes Anthropic cache fields and the cost tracker feed spelling, in NDJSON too', async () => {
    const lines = [
      base({
        id: 'cache',
        provider: 'anthropic',
        model: 'claude-sonnet-4-5',
        input_tokens: 1000,
        cache_read_input_tokens: 50_000,
        cache_creation_input_tokens: 2000,
        output_tokens: 500,
      }),
      base({
        id: 'feed',
        tokens_in: 10,
        tokens_out: 20,
        cost_eur: '0.42',
        user_id: 'ana',
        project_id: 'ranker',
      }),
    ];
    const res = await post(lines.map((l) => JSON.stringify(l)).join('\n'), 'application/x-ndjson');
    expect(res.json()).toMatchObject({ accepted: 2, rejected: [] });
    const cache = await stored('cache');
    expect(cache).toMatchObject({ inputTokens: 1000, cacheReadTokens: 50_000, cacheWriteTokens: 2000 });
    expect(Number(cache.cost)).toBeGreaterThan(0);
    expect(await stored('feed')).toMatchObject({
      inputTokens: 10,
      outputTokens: 20,
      cost: '0.420000',
      currency: 'EUR',
      costKind: 'billed',
      user: 'ana',
      project: 'ranker',
    });
  });

  it('refuses an unknown field with a 400 naming it and the nearest known field, storing nothing', async () => {
    const res = await post(base({ id: 'typo', inputTokens: 10, outputTokenz: 500 }));
    expect(res.statusCode).toBe(400);
    expect(res.json().rejected).toEqual([
      {
        index: 0,
        errors: [
          { path: 'outputTokenz', message: 'unknown field "outputTokenz"; did you mean outputTokens?' },
        ],
      },
    ]);
    expect(await stored('typo')).toBeUndefined();
  });

  it('lands the two valid records of a batch of three with one unknown field', async () => {
    const res = await post([
      base({ id: 'b-1', inputTokens: 1 }),
      base({ id: 'b-2', tokens_inn: 5 }),
      base({ id: 'b-3', tokens_in: 3 }),
    ]);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ accepted: 2, duplicates: 0 });
    expect(res.json().rejected).toEqual([
      {
        index: 1,
        errors: [{ path: 'tokens_inn', message: 'unknown field "tokens_inn"; did you mean tokens_in?' }],
      },
    ]);
    expect(await stored('b-2')).toBeUndefined();
    expect((await stored('b-3')).inputTokens).toBe(3);
  });

  it('refuses an alias that disagrees with its canonical field, and takes one that agrees', async () => {
    const res = await post([
      base({ id: 'clash', inputTokens: 900, input_tokens: 1000 }),
      base({ id: 'agree', inputTokens: 900, input_tokens: 900 }),
    ]);
    expect(res.json().rejected).toEqual([
      {
        index: 0,
        errors: [{ path: 'input_tokens', message: '1000 disagrees with inputTokens 900: send one of them' }],
      },
    ]);
    expect(await stored('clash')).toBeUndefined();
    expect((await stored('agree')).inputTokens).toBe(900);
  });

  it('says which models it could not price, how many records each, and the name it probably meant', async () => {
    const res = await post([
      base({ id: 'u-1', model: 'gtp-5', inputTokens: 100 }),
      base({ id: 'u-2', model: 'gtp-5', inputTokens: 200 }),
      base({ id: 'u-3', model: 'o7', inputTokens: 300 }),
      base({ id: 'u-4', model: 'gpt-5', inputTokens: 400 }),
      base({ id: 'u-5', model: 'gtp-5', inputTokens: 1, cost: '0.10' }),
      base({ id: 'u-6', model: 'gtp-5', outputTokenz: 1 }),
    ]);
    const body = res.json();
    expect(body).toMatchObject({ accepted: 5, duplicates: 0 });
    expect(body.unpriced).toEqual([
      { provider: 'openai', model: 'gtp-5', count: 2, suggestion: 'gpt-5' },
      { provider: 'openai', model: 'o7', count: 1, suggestion: expect.toBeOneOf([null, expect.any(String)]) },
    ]);
    const [, o7] = body.unpriced;
    if (o7.suggestion) expect(t.ctx.catalog.find('openai', o7.suggestion, new Date(AT))).not.toBeNull();
    // unpriced means no cost at all, never $0; a billed record of the same model is not unpriced
    expect(await stored('u-1')).toMatchObject({ costKind: 'unpriced', cost: null, inputTokens: 100 });
    expect(await stored('u-5')).toMatchObject({ costKind: 'billed', cost: '0.100000' });
  });

  it('reports an unpriced model again when the same records are re-sent, and none when all are rejected', async () => {
    const again = await post([base({ id: 'u-1', model: 'gtp-5', inputTokens: 100 })]);
    expect(again.json()).toMatchObject({
      accepted: 0,
      duplicates: 1,
      unpriced: [{ model: 'gtp-5', count: 1, suggestion: 'gpt-5' }],
    });
    const none = await post([base({ model: 'gtp-5', modle: 'x' })]);
    expect(none.statusCode).toBe(400);
    expect(none.json().unpriced).toEqual([]);
  });
});
