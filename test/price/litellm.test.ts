import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createCatalog, estimateCostMicros, parseLiteLLMPrices } from '../../src/price/index.ts';
import { usage } from './helpers.ts';

const sample: unknown = JSON.parse(
  readFileSync(new URL('../fixtures/price/litellm-sample.json', import.meta.url), 'utf8'),
);
const { entries, skipped } = parseLiteLLMPrices(sample, '2026-06-01');
const noTokens = usage();
const byKey = (provider: string, model: string) =>
  entries.find((e) => e.provider === provider && e.model === model);

describe('parseLiteLLMPrices', () => {
  it('reads token-priced models and says why it skipped the rest', () => {
    expect(entries.map((e) => `${e.provider}/${e.model}`)).toEqual([
      'openai/gpt-4o',
      'openai/gpt-4o-mini',
      'openai/text-embedding-3-small',
      'anthropic/claude-sonnet-4-20250514',
      'anthropic/claude-haiku-4-5',
      'google/gemini-2.5-pro',
      'google/gemini-2.5-flash',
      'google/gemini-1.5-pro',
      'bedrock/us.anthropic.claude-3-5-haiku-20241022-v1:0',
      'azure-openai/gpt-4.1',
      'mistral/mistral-small-latest',
      'sambanova/Meta-Llama-3.3-70B-Instruct',
    ]);
    expect(skipped).toEqual([
      { key: 'dall-e-3', reason: 'mode "image_generation" is not priced per token' },
      { key: 'gemini-2.5-pro', reason: 'same provider and model as "gemini/gemini-2.5-pro"' },
      { key: 'tts-1', reason: 'mode "audio_speech" is not priced per token' },
      { key: 'openrouter/example/cache-typo', reason: 'cache read priced above input' },
      { key: 'sambanova/broken-price', reason: 'input_cost_per_token "n/a" is not a number' },
    ]);
  });

  it('converts per-token prices exactly, including string values, and derives the batch discount', () => {
    expect(byKey('openai', 'gpt-4o')).toEqual({
      provider: 'openai',
      model: 'gpt-4o',
      effectiveFrom: '2026-06-01',
      aliases: [],
      input: 2_500_000n,
      output: 10_000_000n,
      cacheRead: 1_250_000n,
      batchDiscountPercent: 50,
      currency: 'USD',
    });
    expect(byKey('openai', 'gpt-4o-mini')).toMatchObject({
      input: 150_000n,
      output: 600_000n,
      cacheRead: 75_000n,
    });
    expect(byKey('openai', 'text-embedding-3-small')).toMatchObject({ input: 20_000n, output: 0n });
  });

  it('reads cache writes and the long-context tier from the threshold in the key names', () => {
    expect(byKey('anthropic', 'claude-sonnet-4-20250514')).toMatchObject({
      cacheWrite5m: 3_750_000n,
      cacheWrite1h: 6_000_000n,
      longContext: {
        thresholdTokens: 200_000,
        input: 6_000_000n,
        output: 22_500_000n,
        cacheRead: 600_000n,
        cacheWrite5m: 7_500_000n,
      },
    });
    expect(byKey('google', 'gemini-1.5-pro')?.longContext).toEqual({
      thresholdTokens: 128_000,
      input: 2_500_000n,
      output: 10_000_000n,
    });
  });

  it('keeps a reasoning price only when it differs from output', () => {
    expect(byKey('google', 'gemini-2.5-flash')?.reasoning).toBeUndefined();
    const {
      entries: [preview],
    } = parseLiteLLMPrices(
      {
        'gemini/gemini-2.5-flash-preview-04-17': {
          litellm_provider: 'gemini',
          mode: 'chat',
          input_cost_per_token: 1.5e-7,
          output_cost_per_token: 6e-7,
          output_cost_per_reasoning_token: 3.5e-6,
        },
      },
      '2025-04-17',
    );
    expect(preview).toMatchObject({
      model: 'gemini-2.5-flash-preview-04-17',
      output: 600_000n,
      reasoning: 3_500_000n,
    });
  });

  it('reads other thresholds and fractional batch discounts', () => {
    const {
      entries: [model],
    } = parseLiteLLMPrices(
      {
        'example-model': {
          litellm_provider: 'openai',
          input_cost_per_token: '3e-06',
          input_cost_per_token_batches: '2e-06',
          output_cost_per_token: 1.2e-5,
          input_cost_per_token_above_272k_tokens: 6e-6,
        },
      },
      '2026-06-01',
    );
    expect(model).toMatchObject({
      batchDiscountPercent: 33.333333,
      longContext: { thresholdTokens: 272_000, input: 6_000_000n, output: 12_000_000n },
    });
  });

  it('prices like the bundled catalog once loaded', () => {
    const sonnet = createCatalog(entries).find(
      'anthropic',
      'claude-sonnet-4-20250514',
      new Date('2026-06-15'),
    )!;
    const usage = { ...noTokens, inputTokens: 250_000, outputTokens: 1000 };
    expect(estimateCostMicros(sonnet, usage)).toBe(1_522_500);
  });

  it('rejects a file that is not an object of models, or a bad date', () => {
    expect(() => parseLiteLLMPrices([], '2026-06-01')).toThrow(/not a LiteLLM price file/);
    expect(() => parseLiteLLMPrices({}, 'June 2026')).toThrow(/YYYY-MM-DD/);
  });
});
