import { describe, expect, it } from 'vitest';
import { bundledPriceEntries, priceEntrySchema, priceEntryToJson } from '../../src/price/index.ts';

const base = { provider: 'openai', model: 'gpt-x', effectiveFrom: '2026-06-01', input: 1, output: 2 };

describe('priceEntrySchema', () => {
  it('holds prices exactly as micro-dollars per 1M tokens, from numbers or decimal strings', () => {
    const parsed = priceEntrySchema.parse({ ...base, input: '2.50', output: 0.075, cacheRead: '1e-3' });
    expect(parsed.input).toBe(2_500_000n);
    expect(parsed.output).toBe(75_000n);
    expect(parsed.cacheRead).toBe(1_000n);
  });

  it('fills aliases and currency', () => {
    const parsed = priceEntrySchema.parse({ ...base, provider: ' OpenAI ' });
    expect(parsed).toMatchObject({ provider: 'openai', aliases: [], currency: 'USD' });
  });

  it.each([
    ['a negative price', { input: -1 }],
    ['a price that is not a number', { output: 'free' }],
    ['a date that does not exist', { effectiveFrom: '2026-02-30' }],
    ['a month that does not exist', { effectiveFrom: '2026-13-45' }],
    ['a date in another format', { effectiveFrom: '06/01/2026' }],
    ['another currency', { currency: 'EUR' }],
    ['a batch discount above 100%', { batchDiscountPercent: 150 }],
  ])('rejects %s', (_, fields) => {
    expect(priceEntrySchema.safeParse({ ...base, ...fields }).success).toBe(false);
  });
});

describe('priceEntryToJson', () => {
  it('writes decimal strings without trailing zeros, with tiers, modalities, tool fees and factors', () => {
    const sonnet = bundledPriceEntries().find((e) => e.model === 'claude-sonnet-4-5')!;
    expect(priceEntryToJson(sonnet)).toMatchObject({
      provider: 'anthropic',
      model: 'claude-sonnet-4-5',
      input: '3',
      output: '15',
      cacheRead: '0.3',
      cacheWrite5m: '3.75',
      cacheWrite1h: '6',
      longContext: {
        thresholdTokens: 200_000,
        input: '6',
        output: '22.5',
        cacheRead: '0.6',
        cacheWrite5m: '7.5',
        cacheWrite1h: '12',
      },
      batchDiscountPercent: 50,
      webSearchPerK: '10',
      currency: 'USD',
    });
    const realtime = bundledPriceEntries().find((e) => e.model === 'gpt-realtime')!;
    expect(priceEntryToJson(realtime)).toMatchObject({
      inputAudio: '32',
      outputAudio: '64',
      cacheReadAudio: '0.4',
      factors: { flex: '0.5' },
    });
  });

  it.each([
    ['a factor of zero', { factors: { priority: 0 } }],
    ['a negative factor', { factors: { fast: -2 } }],
    ['a factor above 100', { factors: { fast: 101 } }],
    ['an unknown factor', { factors: { turbo: 2 } }],
    ['a match rule with a bad regex', { match: { regex: '(' } }],
    ['a match rule of an unknown kind', { match: { like: 'gpt' } }],
  ])('rejects %s', (_, fields) => {
    expect(priceEntrySchema.safeParse({ ...base, ...fields }).success).toBe(false);
  });

  it('reads back to the same entry for every bundled price', () => {
    for (const entry of bundledPriceEntries()) {
      const json = JSON.parse(JSON.stringify(priceEntryToJson(entry)));
      expect(priceEntrySchema.parse(json)).toEqual(entry);
    }
  });
});
