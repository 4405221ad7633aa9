import { describe, expect, it } from 'vitest';
import { bundledPriceEntries, createCatalog, estimateCostMicros } from '../../src/price/index.ts';
import { entry, usage } from './helpers.ts';

const catalog = createCatalog(bundledPriceEntries());
const at = (provider: string, model: string, day = '2026-06-15') =>
  catalog.find(provider, model, new Date(`${day}T12:00:00Z`))!;

describe('long context per request, not per bucket', () => {
  const sonnet45 = at('anthropic', 'claude-sonnet-4-5');

  it('prices a 1-hour bucket of 30 calls of 10k each at base rates ($1.65, not $2.925)', () => {
    const bucket = usage({ inputTokens: 300_000, outputTokens: 50_000, requests: 30 });
    expect(estimateCostMicros(sonnet45, bucket)).toBe(1_650_000);
  });

  it('prices one call past 200k at the long-context rates for every token', () => {
    const call = usage({ inputTokens: 300_000, outputTokens: 50_000, requests: 1 });
    // 300k × $6 + 50k × $22.50
    expect(estimateCostMicros(sonnet45, call)).toBe(2_925_000);
  });

  it('compares a bucket’s average prompt: two calls of 200,001 are long, two of 200,000 are not', () => {
    const long = usage({ inputTokens: 400_002, requests: 2 });
    const edge = usage({ inputTokens: 400_000, requests: 2 });
    expect(estimateCostMicros(sonnet45, long)).toBe(2_400_012);
    expect(estimateCostMicros(sonnet45, edge)).toBe(1_200_000);
  });

  it('counts cache writes toward a call’s prompt: 150k input + 60k cache writes is long', () => {
    const call = usage({ inputTokens: 150_000, cacheWriteTokens: 60_000 });
    // 150k × $6 + 60k × $7.50
    expect(estimateCostMicros(sonnet45, call)).toBe(1_350_000);
  });

  it('takes the provider’s context-window split at its word, whatever the totals', () => {
    const tokens = { inputTokens: 1_000_000, outputTokens: 10_000, requests: 0 };
    // the Anthropic usage report counts no requests: a bucket that says 200k-1M is long…
    expect(estimateCostMicros(sonnet45, usage({ ...tokens, tags: { contextWindow: '200k-1M' } }))).toBe(
      6_225_000,
    );
    // …one that says 0-200k is not, even with 1M tokens in it…
    expect(estimateCostMicros(sonnet45, usage({ ...tokens, tags: { contextWindow: '0-200k' } }))).toBe(
      3_150_000,
    );
    // …and one that counts no requests and says nothing gets the base rates.
    expect(estimateCostMicros(sonnet45, usage(tokens))).toBe(3_150_000);
  });

  it('has no tier on Claude 4.6+ after 2026-03-13: a 500k call of Sonnet 4.6 is at $3', () => {
    const sonnet46 = at('anthropic', 'claude-sonnet-4-6', '2026-06-15');
    expect(estimateCostMicros(sonnet46, usage({ inputTokens: 500_000 }))).toBe(1_500_000);
    const before = at('anthropic', 'claude-sonnet-4-6', '2026-03-01');
    expect(estimateCostMicros(before, usage({ inputTokens: 500_000 }))).toBe(3_000_000);
  });
});

describe('per-call tool fees', () => {
  it('adds $10 per 1,000 Anthropic web searches on top of the tokens', () => {
    const sonnet = at('anthropic', 'claude-sonnet-4-5');
    const call = usage({ inputTokens: 1000, tags: { webSearchRequests: '3' } });
    // 1000 × $3 per 1M + 3 × $0.01
    expect(estimateCostMicros(sonnet, call)).toBe(33_000);
  });

  it('prices OpenAI file search calls at $2.50 per 1,000', () => {
    const gpt4o = at('openai', 'gpt-4o');
    expect(estimateCostMicros(gpt4o, usage({ tags: { fileSearchRequests: '1000' } }))).toBe(2_500_000);
  });

  it('keeps tool fees whole under the batch discount', () => {
    const sonnet = at('anthropic', 'claude-sonnet-4-5');
    const batch = usage({ service: 'batch', inputTokens: 100_000, tags: { webSearchRequests: '100' } });
    // 100k × $3 per 1M × 50% + 100 × $0.01
    expect(estimateCostMicros(sonnet, batch)).toBe(1_150_000);
  });

  it('ignores a count tag that is not a whole number', () => {
    const sonnet = at('anthropic', 'claude-sonnet-4-5');
    for (const bad of ['-5', '1.5', 'many', '']) {
      expect(estimateCostMicros(sonnet, usage({ tags: { webSearchRequests: bad } }))).toBe(0);
    }
  });
});

describe('audio and image tokens', () => {
  const realtime = at('openai', 'gpt-realtime');

  it('prices the audio part of input and output at the audio rates', () => {
    const call = usage({
      inputTokens: 10_000,
      outputTokens: 2_000,
      tags: { inputAudioTokens: '8000', outputAudioTokens: '1500' },
    });
    // text 2000 × $4 + audio 8000 × $32 + text out 500 × $16 + audio out 1500 × $64, per 1M
    expect(estimateCostMicros(realtime, call)).toBe(8_000 + 256_000 + 8_000 + 96_000);
  });

  it('prices cached audio at the cached audio rate', () => {
    const call = usage({ cacheReadTokens: 10_000, tags: { cacheReadAudioTokens: '10000' } });
    expect(estimateCostMicros(realtime, call)).toBe(4_000); // × $0.40
  });

  it('never lets an audio count larger than the input make a price negative', () => {
    const call = usage({ inputTokens: 100, tags: { inputAudioTokens: '5000' } });
    expect(estimateCostMicros(realtime, call)).toBe(3_200); // 100 audio tokens × $32 per 1M
  });

  it('prices image input tokens at the image rate (gpt-image-1: $10 per 1M)', () => {
    const image = at('openai', 'gpt-image-1');
    expect(estimateCostMicros(image, usage({ inputTokens: 1000, tags: { inputImageTokens: '1000' } }))).toBe(
      10_000,
    );
  });

  it('falls back to the text rate for a model with no audio rate', () => {
    const gpt4o = at('openai', 'gpt-4o');
    expect(estimateCostMicros(gpt4o, usage({ inputTokens: 1000, tags: { inputAudioTokens: '1000' } }))).toBe(
      2_500,
    );
  });
});

describe('service tiers and modes', () => {
  const tokens = { inputTokens: 1_000_000, outputTokens: 100_000 };

  it('prices OpenAI flex at batch rates and priority at the model’s multiple', () => {
    const gpt5 = at('openai', 'gpt-5');
    // standard: $1.25 + $1.00
    expect(estimateCostMicros(gpt5, usage(tokens))).toBe(2_250_000);
    expect(estimateCostMicros(gpt5, usage({ ...tokens, tags: { serviceTier: 'flex' } }))).toBe(1_125_000);
    expect(estimateCostMicros(gpt5, usage({ ...tokens, tags: { serviceTier: 'priority' } }))).toBe(4_500_000);
    expect(estimateCostMicros(gpt5, usage({ ...tokens, tags: { serviceTier: 'default' } }))).toBe(2_250_000);
    // gpt-4.1 priority is 1.75×: ($2 + $0.80) × 1.75
    const gpt41 = at('openai', 'gpt-4.1');
    expect(estimateCostMicros(gpt41, usage({ ...tokens, tags: { serviceTier: 'priority' } }))).toBe(
      4_900_000,
    );
  });

  it('prices Anthropic fast mode at 2× on Opus 4.8 and 6× on Opus 4.6', () => {
    const fast = { ...tokens, tags: { speed: 'fast' } };
    // Opus 4.8: ($5 + $2.50) × 2
    expect(estimateCostMicros(at('anthropic', 'claude-opus-4-8'), usage(fast))).toBe(15_000_000);
    expect(estimateCostMicros(at('anthropic', 'claude-opus-4-6'), usage(fast))).toBe(45_000_000);
    expect(estimateCostMicros(at('anthropic', 'claude-opus-4-8'), usage(tokens))).toBe(7_500_000);
  });

  it('prices US-only inference at 1.1× on Claude 4.6+ and not on older models', () => {
    const us = { inputTokens: 100_000, outputTokens: 10_000, tags: { inferenceGeo: 'us' } };
    // Opus 4.8: ($0.50 + $0.25) × 1.1; Sonnet 4.5: $0.30 + $0.15
    expect(estimateCostMicros(at('anthropic', 'claude-opus-4-8'), usage(us))).toBe(825_000);
    expect(estimateCostMicros(at('anthropic', 'claude-sonnet-4-5'), usage(us))).toBe(450_000);
  });

  it('stacks multipliers and rounds once: fast, US-only and a 1h cache write', () => {
    const call = usage({
      inputTokens: 1,
      cacheWriteTokens: 1,
      tags: { speed: 'fast', inferenceGeo: 'us', cacheTtl: '1h' },
    });
    // (1 × $5 + 1 × $10) per 1M = 15 micros, × 2 × 1.1
    expect(estimateCostMicros(at('anthropic', 'claude-opus-5'), call)).toBe(33);
    // 1 token of gpt-5 output at priority: 10 micros × 2; a 0.3-micro cached read rounds with it, once
    const gpt5 = at('openai', 'gpt-5');
    const tiny = usage({ outputTokens: 1, cacheReadTokens: 3, tags: { serviceTier: 'priority' } });
    expect(estimateCostMicros(gpt5, tiny)).toBe(21); // (10 + 0.375) × 2 = 20.75
    const big = usage({
      inputTokens: 100_000,
      cacheWriteTokens: 100_000,
      tags: { speed: 'fast', inferenceGeo: 'us', cacheTtl: '1h' },
    });
    expect(estimateCostMicros(at('anthropic', 'claude-opus-5'), big)).toBe(3_300_000);
  });

  it('prices a tier the model has no multiple for at standard rates', () => {
    const plain = entry({ model: 'plain', input: 1, output: 1 });
    expect(
      estimateCostMicros(plain, usage({ inputTokens: 1_000_000, tags: { serviceTier: 'priority' } })),
    ).toBe(1_000_000);
  });
});
