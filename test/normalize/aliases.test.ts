import { describe, expect, it } from 'vitest';
import { editDistance, nearest } from '../../src/lib/nearest.ts';
import { normalizeUsage } from '../../src/normalize/usage.ts';

const ctx = { org: 'acme', source: 'api' };
const base = { timestamp: '2026-11-02T10:00:00Z', provider: 'anthropic', model: 'claude-sonnet-4-5' };
const normalize = (fields: Record<string, unknown>) => normalizeUsage({ ...base, ...fields }, ctx);

function record(fields: Record<string, unknown>) {
  const result = normalize(fields);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.record;
}

function errors(fields: Record<string, unknown>) {
  const result = normalize(fields);
  if (result.ok) throw new Error('expected a rejection');
  return result.errors;
}

describe('field aliases', () => {
  it("takes the providers' snake_case usage fields", () => {
    expect(
      record({
        input_tokens: 1000,
        output_tokens: 500,
        cache_read_input_tokens: 4000,
        cache_creation_input_tokens: 300,
        reasoning_output_tokens: 120,
      }),
    ).toMatchObject({
      inputTokens: 1000,
      outputTokens: 500,
      cacheReadTokens: 4000,
      cacheWriteTokens: 300,
      reasoningTokens: 120,
    });
    expect(record({ reasoning_tokens: 7, output_tokens: 9 }).reasoningTokens).toBe(7);
  });

  it("takes the cost tracker feed's fields, cost_<currency> setting cost and currency", () => {
    const r = record({
      tokens_in: 10,
      tokens_out: 20,
      cost_eur: '0.42',
      user_id: 'ana',
      project_id: 'ranker',
    });
    expect(r).toMatchObject({
      inputTokens: 10,
      outputTokens: 20,
      costMicros: 420_000,
      currency: 'EUR',
      costKind: 'billed',
      user: 'ana',
      project: 'ranker',
    });
    expect(record({ COST_USD: 1 })).toMatchObject({ costMicros: 1_000_000, currency: 'USD' });
  });

  it('accepts an alias beside its field when both say the same', () => {
    expect(record({ inputTokens: 5, input_tokens: 5, tokens_in: '5' }).inputTokens).toBe(5);
    expect(record({ tokens_in: '7', inputTokens: 7 }).inputTokens).toBe(7);
    expect(record({ cost_eur: '1.50', currency: 'eur' })).toMatchObject({
      costMicros: 1_500_000,
      currency: 'EUR',
    });
    expect(record({ user: 'ana', user_id: 'ana' }).user).toBe('ana');
  });

  it('refuses an alias that disagrees with its field, naming the alias and both values', () => {
    expect(errors({ inputTokens: 900, input_tokens: 1000 })).toEqual([
      { path: 'input_tokens', message: '1000 disagrees with inputTokens 900: send one of them' },
    ]);
    expect(errors({ tokens_in: 1, input_tokens: 2 })).toEqual([
      { path: 'input_tokens', message: expect.stringContaining('disagrees with tokens_in') },
    ]);
    expect(errors({ cost_eur: '1', currency: 'USD' })).toEqual([
      { path: 'cost_eur', message: '"EUR" disagrees with currency "USD": send one of them' },
    ]);
    expect(errors({ cost_eur: '1', cost_usd: '1' })).toEqual([
      { path: 'cost_usd', message: '"USD" disagrees with cost_eur "EUR": send one of them' },
    ]);
    expect(errors({ user: 'ana', user_id: 'bo' })[0]?.path).toBe('user_id');
  });

  it('names the alias as sent when its value is bad', () => {
    expect(errors({ output_tokens: -3 })).toEqual([
      { path: 'output_tokens', message: 'must not be negative' },
    ]);
    expect(errors({ cost_usd: 'lots' })[0]?.path).toBe('cost_usd');
    expect(errors({ cost_xyz: '1' })).toEqual([
      { path: 'cost_xyz', message: 'XYZ is not an ISO 4217 currency code' },
    ]);
  });
});

describe('unknown fields', () => {
  it('refuses an unknown field with the nearest known spelling', () => {
    expect(errors({ outputTokenz: 5 })).toEqual([
      { path: 'outputTokenz', message: 'unknown field "outputTokenz"; did you mean outputTokens?' },
    ]);
    expect(errors({ tokens_inn: 5 })[0]?.message).toBe('unknown field "tokens_inn"; did you mean tokens_in?');
    expect(errors({ Input_Tokens: 5 })[0]?.message).toContain('did you mean inputTokens?');
    expect(errors({ cache_read_tokens: 5 })[0]?.message).toContain('did you mean cacheReadTokens?');
    expect(errors({ modle: 'x' })[0]?.message).toContain('did you mean model?');
  });

  it('suggests nothing when no field is near, and explains look-alikes with another meaning', () => {
    expect(errors({ favourite_colour: 'blue' })[0]?.message).toBe(
      'unknown field "favourite_colour"; see the UsageInput fields in /api/docs',
    );
    expect(errors({ prompt_tokens: 10 })[0]?.message).toContain('cached tokens inside it');
    expect(errors({ total_tokens: 10 })[0]?.message).toContain('not stored');
  });

  it('never books a record with a dropped field, even beside valid ones', () => {
    const result = normalize({ input_tokens: 1000, output_tokens: 500, outputTokenz: 1 });
    expect(result.ok).toBe(false);
  });

  it('keeps its answer short for huge or numerous unknown fields', () => {
    const huge = 'x'.repeat(10_000);
    const [error] = errors({ [huge]: huge });
    expect(error?.path.length).toBeLessThanOrEqual(65);
    expect(JSON.stringify(error).length).toBeLessThan(300);
    const many = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`junk${i}`, i]));
    const list = errors(many);
    expect(list).toHaveLength(11);
    expect(list.at(-1)).toEqual({ path: '(record)', message: 'and 490 more unknown fields' });
  });

  it('names a field with an empty name', () => {
    expect(errors({ '': 1 })).toEqual([
      { path: '""', message: 'unknown field ""; see the UsageInput fields in /api/docs' },
    ]);
  });

  it('treats an undefined value as absent, as JSON would', () => {
    expect(record({ extra: undefined, inputTokens: 3 }).inputTokens).toBe(3);
  });

  it('still refuses a record that is not an object, and keys named like prototype members', () => {
    expect(errors({ constructor: 1 })[0]?.message).toMatch(/^unknown field "constructor"/);
    expect(normalizeUsage([1, 2], ctx).ok).toBe(false);
    const proto = JSON.parse(`{"__proto__": {"inputTokens": 5}, ${JSON.stringify(base).slice(1)}`);
    expect(normalizeUsage(proto, ctx)).toEqual({
      ok: false,
      errors: [{ path: '__proto__', message: expect.stringContaining('unknown field') }],
    });
  });
});

describe('edit distance', () => {
  it('counts a swap of neighbours as one edit', () => {
    expect(editDistance('gtp-5', 'gpt-5')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });

  it('picks the nearest within the limit, ties to the one nearest as written', () => {
    expect(
      nearest('input_token', ['inputTokens', 'input_tokens'], {
        maxDistance: 2,
        key: (s) => s.toLowerCase().replace(/_/g, ''),
      }),
    ).toBe('input_tokens');
    expect(nearest('zzz', ['model'], { maxDistance: 1 })).toBeNull();
  });
});
