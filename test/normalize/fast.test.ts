import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fastUsageInput } from '../../src/normalize/fast.ts';
import { normalizeUsage, usageInputSchema } from '../../src/normalize/usage.ts';

const KNOWN = new Set(Object.keys(usageInputSchema.shape));
const ctx = { org: 'acme', source: 'api' };

// Values near every edge the schema draws: lengths at and past the limits, spaces to trim, case to fold,
// NUL, null where only absence is allowed, numbers at zero, negative, fractional, past the count limit and 2^53.
const str = (n: number) => 'x'.repeat(n);
const labels = fc.constantFrom(
  'ana',
  ' ana',
  'ana ',
  '',
  str(256),
  str(257),
  'a\u0000b',
  null,
  undefined,
  7,
  '\u00a0ana',
);
const counts = fc.constantFrom(
  0,
  1,
  -1,
  1.5,
  -0,
  1_000_000_000_000,
  1_000_000_000_001,
  2 ** 53,
  '12',
  null,
  undefined,
  Number.NaN,
);
const timestamps = fc.constantFrom(
  '2026-11-02T10:00:00Z',
  '2026-11-02T10:00:00+02:00',
  '2026-11-02 10:00:00Z',
  '2026-11-02T10:00:00',
  '2026-02-30T10:00:00Z',
  '1969-12-31T23:59:59Z',
  '1970-01-01T00:00:00Z',
  '2026-11-02T10:00:00.5Z',
  '2026-11-02T10:00:00.123Z',
  '2026-11-02T10:00:00.1234Z',
  '2026-11-02T24:00:00Z',
  '2026-11-02T23:59:60Z',
  '2026-11-02T10:60:00Z',
  '2024-02-29T00:00:00Z',
  '2025-02-29T00:00:00Z',
  '2026-13-01T00:00:00Z',
  '2026-00-10T00:00:00Z',
  '2026-11-00T00:00:00Z',
  '9999-12-31T23:59:59.999Z',
  'yesterday',
  null,
  undefined,
  1_700_000_000_000,
);
const tags = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.dictionary(
    fc.constantFrom('env', 'team', str(64), str(65), 'a\u0000', ''),
    fc.constantFrom('prod', '', str(256), str(257), 'x\u0000'),
  ),
  fc.constant({ n: 1 }),
  fc.constant(['a']),
);

// Mostly plain values, so that most records reach the fast path, with an edge now and then.
const mostly = <T>(plain: fc.Arbitrary<T>, edges: fc.Arbitrary<unknown>) =>
  fc.oneof({ arbitrary: plain, weight: 24 }, { arbitrary: edges, weight: 1 });
const plainLabel = fc.constantFrom('ana', 'ml', str(256), undefined, null);
const plainCount = fc.oneof(fc.constantFrom(0, 1, 1_000_000_000_000, undefined), fc.nat());
const plainTime = fc.constantFrom(
  '2026-11-02T10:00:00Z',
  '2026-11-02T12:00:00+02:00',
  '2026-11-02T09:00:00.5Z',
);

const records = fc.record(
  {
    id: mostly(fc.constantFrom('call-1', str(256), undefined), labels),
    source: mostly(fc.constantFrom('gateway', undefined), labels),
    timestamp: mostly(plainTime, timestamps),
    endTimestamp: mostly(fc.constantFrom(undefined, null, '2026-11-02T11:00:00Z'), timestamps),
    provider: mostly(
      fc.constantFrom('openai', 'anthropic', str(64)),
      fc.constantFrom('OpenAI', ' anthropic', str(65), '', null),
    ),
    service: mostly(
      fc.constantFrom('chat', 'embeddings', undefined),
      fc.constantFrom('Batch', null, str(65)),
    ),
    model: mostly(fc.constantFrom('gpt-4o', str(200)), fc.constantFrom(str(201), ' gpt-4o', '', null)),
    user: mostly(plainLabel, labels),
    team: mostly(plainLabel, labels),
    project: mostly(plainLabel, labels),
    apiKey: mostly(plainLabel, labels),
    context: mostly(
      fc.constantFrom('nb.ipynb', str(1000), null, undefined),
      fc.constantFrom(str(1001), ' nb', 4),
    ),
    tags: mostly(fc.constantFrom(undefined, { env: 'prod' }, { [str(64)]: str(256) }, {}), tags),
    inputTokens: mostly(plainCount, counts),
    outputTokens: mostly(plainCount, counts),
    cacheReadTokens: mostly(plainCount, counts),
    cacheWriteTokens: mostly(plainCount, counts),
    reasoningTokens: mostly(plainCount, counts),
    requests: mostly(plainCount, counts),
    cost: mostly(
      fc.constantFrom(undefined, null, 0, '0.25', 1.5, -2),
      fc.constantFrom(' 2 ', '1e3', 'abc', 1_000_000_000, 1_000_000_001, Number.POSITIVE_INFINITY, true),
    ),
    currency: mostly(fc.constantFrom(undefined, 'USD', 'EUR'), fc.constantFrom('eur', ' EUR', 'XYZ', null)),
    costKind: mostly(fc.constantFrom(undefined, 'billed', 'estimated'), fc.constantFrom('unpriced', null)),
  },
  { requiredKeys: ['timestamp', 'provider', 'model'] },
);

describe('the fast path of record validation', () => {
  it('answers exactly what the zod schema answers, or leaves the record to it', () => {
    let fast = 0;
    fc.assert(
      fc.property(records, (raw) => {
        const quick = fastUsageInput(raw, KNOWN);
        const parsed = usageInputSchema.safeParse(raw);
        if (quick === null) return;
        fast++;
        expect(parsed.success).toBe(true);
        expect(quick).toStrictEqual(stripUndefined(parsed.data ?? {}));
      }),
      { numRuns: 3_000 },
    );
    // The generator must reach the fast path often, or the comparison above proves nothing.
    expect(fast).toBeGreaterThan(300);
  });

  it('takes the common record shape: a benchmark-like record needs no zod', () => {
    const raw = {
      id: 'imp-1',
      timestamp: '2026-08-22T00:01:24.725Z',
      provider: 'anthropic',
      service: 'chat',
      model: 'claude-haiku-4-5',
      user: 'user-10',
      team: 'product',
      project: 'assistant',
      apiKey: 'key_assistant',
      inputTokens: 10568,
      outputTokens: 641,
      cacheReadTokens: 11038,
      tags: { env: 'prod' },
    };
    expect(fastUsageInput(raw, KNOWN)).not.toBeNull();
  });

  it('leaves aliases, unknown fields and inherited keys to the full path, whose errors name them', () => {
    const base = { timestamp: '2026-11-02T10:00:00Z', provider: 'openai', model: 'gpt-4o' };
    expect(fastUsageInput({ ...base, input_tokens: 5 }, KNOWN)).toBeNull();
    expect(fastUsageInput(Object.create({ timestamp: base.timestamp }), KNOWN)).toBeNull();
    const aliased = normalizeUsage({ ...base, input_tokens: 5 }, ctx);
    expect(aliased.ok && aliased.record.inputTokens).toBe(5);
    const unknown = normalizeUsage({ ...base, tokens_inn: 5 }, ctx);
    expect(unknown.ok).toBe(false);
    expect(!unknown.ok && unknown.errors[0]?.path).toBe('tokens_inn');
    const negative = normalizeUsage({ ...base, inputTokens: -1 }, ctx);
    expect(!negative.ok && negative.errors).toEqual([
      { path: 'inputTokens', message: 'must not be negative' },
    ]);
  });

  it('gives a record without an id the same content id either way', () => {
    const raw = { timestamp: '2026-11-02T10:00:00Z', provider: 'openai', model: 'gpt-4o', inputTokens: 3 };
    const viaFast = normalizeUsage(raw, ctx);
    // A trailing space in the model sends the same record through zod, which trims it.
    const viaZod = normalizeUsage({ ...raw, model: 'gpt-4o ' }, ctx);
    expect(fastUsageInput({ ...raw, model: 'gpt-4o ' }, KNOWN)).toBeNull();
    expect(viaFast.ok && viaZod.ok && viaFast.record.id === viaZod.record.id).toBe(true);
  });
});

function stripUndefined(value: object): object {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}
