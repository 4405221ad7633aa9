import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  type CallUsage,
  mergeAnthropic,
  mergeOpenAi,
  NO_USAGE,
  usageOfBody,
} from '../../src/gateway/usage.ts';

// The usage readers are written by hand for speed; these schemas are the rules they keep (the schemas
// the gateway first read usage with), and a few thousand generated bodies must read the same through both.

const count = z.number().int().min(0).nullish();
const openAiUsage = z.looseObject({
  prompt_tokens: count,
  completion_tokens: count,
  prompt_tokens_details: z.looseObject({ cached_tokens: count }).nullish(),
  completion_tokens_details: z.looseObject({ reasoning_tokens: count }).nullish(),
  input_tokens: count,
  output_tokens: count,
  input_tokens_details: z.looseObject({ cached_tokens: count, cache_write_tokens: count }).nullish(),
  output_tokens_details: z.looseObject({ reasoning_tokens: count }).nullish(),
});
const anthropicUsage = z.looseObject({
  input_tokens: count,
  output_tokens: count,
  cache_read_input_tokens: count,
  cache_creation_input_tokens: count,
  cache_creation: z
    .looseObject({ ephemeral_5m_input_tokens: count, ephemeral_1h_input_tokens: count })
    .nullish(),
  service_tier: z.string().nullish(),
});
const body = z.looseObject({
  id: z.string().nullish(),
  model: z.string().nullish(),
  service_tier: z.string().nullish(),
  usage: z.unknown().optional(),
});

/** Whether each schema accepts the value, as the readers must. */
const accepts = {
  openai: (v: unknown) => openAiUsage.safeParse(v).success,
  anthropic: (v: unknown) => anthropicUsage.safeParse(v).success,
  body: (v: unknown) => body.safeParse(v).success,
};

/** A small seeded generator, so a failure repeats. */
function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
}
const next = random(20);
const pick = <T>(items: T[]): T => items[Math.floor(next() * items.length)] as T;
const scalars = [undefined, null, 0, 7, 1200, -1, 1.5, 2 ** 53, '5', true, 'default', [], [3]];
/** Mostly one of `valid`, now and then anything. */
const field = (valid: unknown[]) => (next() < 0.95 ? pick(valid) : pick(scalars));
const COUNTS = [undefined, null, 0, 3, 40, 1200];
const counts = (fields: string[]) => Object.fromEntries(fields.map((f) => [f, field(COUNTS)]));
const nested = (fields: string[]) => field([undefined, null, {}, counts(fields), counts(fields)]);

function openAiRaw(): unknown {
  return field([
    {
      ...counts(['prompt_tokens', 'completion_tokens', 'input_tokens', 'output_tokens']),
      prompt_tokens_details: nested(['cached_tokens']),
      completion_tokens_details: nested(['reasoning_tokens']),
      input_tokens_details: nested(['cached_tokens', 'cache_write_tokens']),
      output_tokens_details: nested(['reasoning_tokens']),
      extra: pick(scalars),
    },
  ]);
}
function anthropicRaw(): unknown {
  return field([
    {
      ...counts(['input_tokens', 'output_tokens', 'cache_read_input_tokens', 'cache_creation_input_tokens']),
      cache_creation: nested(['ephemeral_5m_input_tokens', 'ephemeral_1h_input_tokens']),
      service_tier: field([undefined, null, 'standard', 'priority']),
    },
  ]);
}
function bodyRaw(usage: unknown): unknown {
  return field([
    {
      id: field(['chatcmpl-1', null, undefined]),
      model: field(['gpt-4o', null, undefined]),
      service_tier: field(['default', 'flex', null, undefined]),
      usage: pick([usage, usage, usage, usage, undefined, null]),
      choices: [],
    },
  ]);
}

const prev: CallUsage = { ...NO_USAGE, id: 'p', inputTokens: 11, outputTokens: 5, tags: { a: 'b' } };

describe('usage read by hand', () => {
  it('refuses and accepts what the schemas do, for OpenAI and Anthropic usage and bodies', () => {
    const seen = { read: 0, refused: 0 };
    for (let i = 0; i < 3000; i++) {
      const o = openAiRaw();
      expect(mergeOpenAi(prev, o) !== null, JSON.stringify(o)).toBe(accepts.openai(o));
      const a = anthropicRaw();
      expect(mergeAnthropic(prev, a) !== null, JSON.stringify(a)).toBe(accepts.anthropic(a));
      for (const [kind, usage] of [
        ['openai', o],
        ['anthropic', a],
      ] as const) {
        const b = bodyRaw(usage);
        const readable =
          accepts.body(b) &&
          (b as { usage?: unknown }).usage != null &&
          (kind === 'openai' ? accepts.openai : accepts.anthropic)((b as { usage: unknown }).usage);
        expect(usageOfBody(kind, b) !== null, JSON.stringify(b)).toBe(readable);
        seen[readable ? 'read' : 'refused']++;
      }
    }
    // The generated bodies try both outcomes often.
    expect(seen.read).toBeGreaterThan(600);
    expect(seen.refused).toBeGreaterThan(600);
  });

  it('reads the counts a body gives, cached tokens apart from input', () => {
    expect(
      usageOfBody('openai', {
        id: 'chatcmpl-1',
        model: 'gpt-4o',
        service_tier: 'default',
        usage: { prompt_tokens: 1200, completion_tokens: 48, prompt_tokens_details: { cached_tokens: 1024 } },
      }),
    ).toEqual({
      ...NO_USAGE,
      id: 'chatcmpl-1',
      model: 'gpt-4o',
      inputTokens: 176,
      cacheReadTokens: 1024,
      outputTokens: 48,
      tags: { serviceTier: 'default' },
      reported: true,
    });
    expect(
      mergeAnthropic(prev, {
        output_tokens: 9,
        input_tokens: null,
        cache_creation: { ephemeral_1h_input_tokens: 4 },
      }),
    ).toEqual({ ...prev, outputTokens: 9, tags: { a: 'b', cacheTtl: '1h' }, reported: true });
  });
});
