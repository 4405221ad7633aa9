import { describe, expect, it } from 'vitest';
import { contentId, normalizeUsage } from '../../src/normalize/usage.ts';

const ctx = { org: 'acme', source: 'api' };
const base = { timestamp: '2026-11-02T10:00:00Z', provider: 'anthropic', model: 'claude-sonnet-4-5' };
const normalize = (fields: Record<string, unknown>) => normalizeUsage({ ...base, ...fields }, ctx);

function record(fields: Record<string, unknown> = {}) {
  const result = normalize(fields);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.record;
}

function errors(fields: Record<string, unknown>) {
  const result = normalize(fields);
  if (result.ok) throw new Error('expected a rejection');
  return result.errors;
}

describe('normalizeUsage', () => {
  it('fills every default of a minimal record: chat, USD, one request, no cost yet', () => {
    const r = record();
    expect(r).toEqual({
      id: r.id,
      org: 'acme',
      source: 'api',
      timestamp: new Date('2026-11-02T10:00:00Z'),
      endTimestamp: null,
      provider: 'anthropic',
      service: 'chat',
      model: 'claude-sonnet-4-5',
      user: null,
      team: null,
      project: null,
      apiKey: null,
      context: null,
      tags: {},
      inputTokens: 0,
      outputTokens: 0,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      reasoningTokens: 0,
      requests: 1,
      costMicros: null,
      currency: 'USD',
      costKind: 'unpriced',
    });
    expect(r.id).toMatch(/^h:[A-Za-z0-9_-]{32}$/);
  });

  it('keeps every field a full record sends, trimmed and lower-cased where names are', () => {
    const r = record({
      id: 'call-1',
      source: 'gateway',
      endTimestamp: '2026-11-02T12:00:05+02:00',
      provider: ' OpenAI ',
      service: 'Batch',
      model: 'gpt-4o',
      user: 'ana',
      team: 'ml',
      project: 'search',
      apiKey: 'key_1',
      context: 'PR 12',
      tags: { env: 'prod' },
      inputTokens: 10,
      outputTokens: 20,
      cacheReadTokens: 30,
      cacheWriteTokens: 40,
      reasoningTokens: 5,
      requests: 2,
      cost: '0.25',
      currency: ' eur ',
    });
    expect(r).toMatchObject({
      id: 'call-1',
      source: 'gateway',
      endTimestamp: new Date('2026-11-02T10:00:05Z'),
      provider: 'openai',
      service: 'batch',
      user: 'ana',
      team: 'ml',
      project: 'search',
      apiKey: 'key_1',
      context: 'PR 12',
      tags: { env: 'prod' },
      costMicros: 250_000,
      currency: 'EUR',
      costKind: 'billed',
    });
  });

  it('takes a cost as billed unless the record says it is an estimate', () => {
    expect(record({ cost: 0 }).costKind).toBe('billed');
    expect(record({ cost: 1.5, costKind: 'estimated' })).toMatchObject({
      costMicros: 1_500_000,
      costKind: 'estimated',
    });
    expect(record({ cost: null }).costKind).toBe('unpriced');
    // an estimate still to be made is simply unpriced
    expect(record({ costKind: 'estimated' }).costKind).toBe('unpriced');
    expect(record({ cost: null, costKind: 'estimated' }).costKind).toBe('unpriced');
    expect(errors({ cost: 1, costKind: 'unpriced' })).toEqual([
      { path: 'costKind', message: expect.stringContaining('"billed"') },
    ]);
  });

  it('keeps a negative billed cost (a credit) and refuses a negative estimate', () => {
    expect(record({ cost: '-2.5' })).toMatchObject({ costMicros: -2_500_000, costKind: 'billed' });
    expect(record({ cost: -2.5, costKind: 'billed' }).costMicros).toBe(-2_500_000);
    expect(record({ cost: 0, costKind: 'estimated' }).costMicros).toBe(0);
    expect(errors({ cost: -0.01, costKind: 'estimated' })).toEqual([
      { path: 'cost', message: 'must not be negative for an estimate; a credit or refund is a billed cost' },
    ]);
  });

  it('refuses a currency that is not an ISO 4217 code', () => {
    expect(errors({ currency: 'EURO' })).toEqual([
      { path: 'currency', message: 'must be an ISO 4217 currency code such as USD or EUR' },
    ]);
    expect(record({ currency: 'jpy' }).currency).toBe('JPY');
  });

  it('reads an end timestamp back as an instant, and refuses one before the start', () => {
    expect(record({ endTimestamp: '2026-11-02T10:00:00Z' }).endTimestamp).toEqual(
      new Date('2026-11-02T10:00:00Z'),
    );
    expect(record({ endTimestamp: null }).endTimestamp).toBeNull();
    expect(errors({ endTimestamp: '2026-11-02T09:59:59Z' })).toEqual([
      { path: 'endTimestamp', message: 'must not be before timestamp' },
    ]);
    expect(errors({ endTimestamp: '2026-11-02 11:00' })).toEqual([
      {
        path: 'endTimestamp',
        message:
          'timestamp "2026-11-02 11:00" has no time zone: add "Z" for UTC or an offset such as "+02:00"',
      },
    ]);
  });

  it('bounds costs to a billion either way and says why an amount is refused', () => {
    expect(record({ cost: '1000000000' }).costMicros).toBe(1_000_000_000_000_000);
    expect(record({ cost: '-1000000000' }).costMicros).toBe(-1_000_000_000_000_000);
    expect(errors({ cost: '1000000000.000001' })).toEqual([
      { path: 'cost', message: 'must be within ±1000000000 (a billion) per record' },
    ]);
    expect(errors({ cost: '1,5' })).toEqual([
      {
        path: 'cost',
        message:
          'must be a decimal amount ("1,5" is not a decimal amount (at most 64 characters, exponent within ±64))',
      },
    ]);
  });

  it('refuses counts that are fractional, negative or past a trillion, by field', () => {
    expect(errors({ inputTokens: 1.5, outputTokens: -1, requests: 1_000_000_000_001 })).toEqual([
      { path: 'inputTokens', message: 'must be a whole number' },
      { path: 'outputTokens', message: 'must not be negative' },
      { path: 'requests', message: 'must be at most 1000000000000 (one trillion) per record' },
    ]);
  });

  it('refuses empty names, over-long tags and NUL characters', () => {
    expect(errors({ model: '  ' }).map((e) => e.path)).toEqual(['model']);
    expect(errors({ user: 'a\u0000b' })).toEqual([
      { path: 'user', message: 'must not contain NUL characters' },
    ]);
    expect(errors({ tags: { ['k'.repeat(65)]: 'v' } }).map((e) => e.path)).toEqual([
      `tags.${'k'.repeat(65)}`,
    ]);
    expect(errors({ tags: { env: 'v'.repeat(257) } }).map((e) => e.path)).toEqual(['tags.env']);
    expect(record({ tags: { ['k'.repeat(64)]: 'v'.repeat(256) } }).tags).toEqual({
      ['k'.repeat(64)]: 'v'.repeat(256),
    });
  });

  it('refuses a record that is not an object as a whole', () => {
    const result = normalizeUsage(null, ctx);
    expect(result).toEqual({ ok: false, errors: [{ path: '(record)', message: expect.any(String) }] });
  });
});

const ID_OF_TEN_INPUT_TOKENS = 'h:PYC_L90eMo83lqQ6Aa09QMnRrjxJH_pL';

describe('content ids', () => {
  it('are the same for the same content from any org, and differ when the content does', () => {
    const a = record({ inputTokens: 10 });
    const other = normalizeUsage({ ...base, inputTokens: 10 }, { ...ctx, org: 'other' });
    expect(other.ok && other.record.id).toBe(a.id);
    expect(record({ inputTokens: 10 }).id).toBe(a.id);
    expect(record({ inputTokens: 11 }).id).not.toBe(a.id);
    // why: a re-sent record must stay a no-op after an upgrade, so the id of the same content never changes
    expect(a.id).toBe(ID_OF_TEN_INPUT_TOKENS);
    const { id: _id, ...rest } = a;
    expect(contentId(rest)).toMatch(/^h:[A-Za-z0-9_-]{32}$/);
  });
});
