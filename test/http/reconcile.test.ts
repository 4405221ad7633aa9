import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INVOICE_SERVICE } from '../../src/domain/record.ts';
import { startTestApp, type TestApp, testEngines } from '../helpers/app.ts';
import { makeRecord } from '../helpers/records.ts';

const engines = await testEngines('reconciliation');

describe.each(engines)('GET /api/v1/reconciliation on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({}, () => new Date('2026-11-10T00:00:00Z'), engine);
    const org = t.ctx.config.org;
    const day2 = new Date('2026-11-02T10:00:00Z');
    const day3 = new Date('2026-11-03T00:00:00Z');
    const usage = (id: string, over: Parameters<typeof makeRecord>[0]) =>
      makeRecord({ id, org, timestamp: day2, costKind: 'estimated', ...over });
    const invoice = (id: string, model: string, costMicros: number, timestamp = day2) =>
      makeRecord({
        id,
        org,
        timestamp,
        service: INVOICE_SERVICE,
        model,
        costMicros,
        costKind: 'billed',
        inputTokens: 0,
        outputTokens: 0,
        requests: 0,
        user: null,
        apiKey: null,
      });
    await t.ctx.usage.insertUsage([
      usage('u1', { model: 'gpt-4o', costMicros: 4_000_000, cacheReadTokens: 5_000 }),
      usage('u2', { model: 'gpt-4o-mini', costMicros: 1_000_000, cacheReadTokens: 100, cacheWriteTokens: 7 }),
      usage('u3', {
        provider: 'anthropic',
        model: 'claude-sonnet-4-5',
        project: null,
        costMicros: 2_000_000,
      }),
      invoice('b1', 'gpt-4o-2024-08-06, input', 3_000_000),
      invoice('b2', 'gpt-4o, output', 2_500_000),
      invoice('b3', 'gpt-4o-mini, input', 1_000_000),
      invoice('b4', 'whisper-1', 500_000, day3),
    ]);
  });
  afterAll(async () => {
    await t.close();
  });

  it('sets billed against estimated per day, provider and project, with the contributors', async () => {
    const response = await t.app.inject({
      url: '/api/v1/reconciliation?from=2026-11-01&to=2026-11-04',
      headers: t.auth,
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.currency).toBe('USD');
    expect(body.totals).toEqual({
      billed: '7.000000',
      estimated: '7.000000',
      variance: '0.000000',
      charges: '7.000000',
      credits: '0.000000',
      chargesVariance: '0.000000',
    });
    expect(body.rows).toEqual([
      {
        day: '2026-11-02',
        provider: 'openai',
        project: 'search',
        billed: '6.500000',
        estimated: '5.000000',
        variance: '1.500000',
        variancePercent: 30,
        byModel: [{ model: 'gpt-4o', billed: '5.500000', estimated: '4.000000', variance: '1.500000' }],
        cache: {
          cacheReadTokens: 5_100,
          cacheWriteTokens: 7,
          byModel: [
            { model: 'gpt-4o', cacheReadTokens: 5_000, cacheWriteTokens: 0 },
            { model: 'gpt-4o-mini', cacheReadTokens: 100, cacheWriteTokens: 7 },
          ],
        },
        charges: '6.500000',
        credits: '0.000000',
        chargesVariance: '1.500000',
        chargesVariancePercent: 30,
        lineItems: [
          {
            item: 'gpt-4o',
            kind: 'tokens',
            model: 'gpt-4o',
            billed: '5.500000',
            estimated: '4.000000',
            variance: '1.500000',
            lines: ['gpt-4o, output', 'gpt-4o-2024-08-06, input'],
          },
          {
            item: 'gpt-4o-mini',
            kind: 'tokens',
            model: 'gpt-4o-mini',
            billed: '1.000000',
            estimated: '1.000000',
            variance: '0.000000',
            lines: ['gpt-4o-mini, input'],
          },
        ],
        causes: [],
      },
      {
        day: '2026-11-02',
        provider: 'anthropic',
        project: null,
        billed: null,
        estimated: '2.000000',
        variance: null,
        variancePercent: null,
        byModel: [],
        cache: { cacheReadTokens: 0, cacheWriteTokens: 0, byModel: [] },
        charges: null,
        credits: null,
        chargesVariance: null,
        chargesVariancePercent: null,
        lineItems: [],
        causes: [],
      },
      {
        day: '2026-11-03',
        provider: 'openai',
        project: 'search',
        billed: '0.500000',
        estimated: '0.000000',
        variance: '0.500000',
        variancePercent: null,
        byModel: [{ model: 'whisper-1', billed: '0.500000', estimated: '0.000000', variance: '0.500000' }],
        cache: { cacheReadTokens: 0, cacheWriteTokens: 0, byModel: [] },
        charges: '0.500000',
        credits: '0.000000',
        chargesVariance: '0.500000',
        chargesVariancePercent: null,
        lineItems: [
          {
            item: 'whisper-1',
            kind: 'other',
            model: null,
            billed: '0.500000',
            estimated: null,
            variance: null,
            lines: ['whisper-1'],
          },
        ],
        causes: [
          {
            code: 'unmatched_lines',
            amount: '0.500000',
            message: '$0.50 billed on lines no usage matches: whisper-1',
          },
        ],
      },
    ]);
  });
});
