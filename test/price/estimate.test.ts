import { describe, expect, it } from 'vitest';
import { bundledPriceEntries, createCatalog, estimateCostMicros } from '../../src/price/index.ts';
import { entry, usage } from './helpers.ts';

const catalog = createCatalog(bundledPriceEntries());
const bundled = (provider: string, model: string) => catalog.find(provider, model, new Date('2026-06-15'))!;

describe('estimateCostMicros', () => {
  it('prices 1M gpt-4o input tokens at exactly $2.50', () => {
    expect(estimateCostMicros(bundled('openai', 'gpt-4o'), usage({ inputTokens: 1_000_000 }))).toBe(
      2_500_000,
    );
  });

  it('sums every token kind before rounding', () => {
    // haiku 4.5: 1234×$1 + 567×$5 + 8910×$0.10 + 1112×$1.25 per 1M = 1234 + 2835 + 891 + 1390 micros
    const tokens = { inputTokens: 1234, outputTokens: 567, cacheReadTokens: 8910, cacheWriteTokens: 1112 };
    expect(estimateCostMicros(bundled('anthropic', 'claude-haiku-4-5'), usage(tokens))).toBe(6350);
  });

  it('rounds half up once, at the end (gpt-5-nano cache read at $0.005 per 1M)', () => {
    const nano = bundled('openai', 'gpt-5-nano');
    expect(estimateCostMicros(nano, usage({ cacheReadTokens: 1 }))).toBe(0); // 0.005 micros
    expect(estimateCostMicros(nano, usage({ cacheReadTokens: 99 }))).toBe(0); // 0.495
    expect(estimateCostMicros(nano, usage({ cacheReadTokens: 100 }))).toBe(1); // 0.5
    // 0.3 + 0.4 micros: each alone would round to 0
    expect(estimateCostMicros(nano, usage({ cacheReadTokens: 60, outputTokens: 1 }))).toBe(1);
  });

  describe('long context', () => {
    const sonnet = bundled('anthropic', 'claude-sonnet-4');

    it('prices the whole request at the >200k rates', () => {
      // 250k × $6 + 1000 × $22.50 per 1M = 1.5 + 0.0225 dollars
      expect(estimateCostMicros(sonnet, usage({ inputTokens: 250_000, outputTokens: 1000 }))).toBe(1_522_500);
    });

    it('keeps base rates at exactly the threshold', () => {
      // 200k × $3 + 1000 × $15 per 1M
      expect(estimateCostMicros(sonnet, usage({ inputTokens: 200_000, outputTokens: 1000 }))).toBe(615_000);
    });

    it('counts cache tokens toward the threshold', () => {
      // 150k × $6 + 60k × $0.60 + 1000 × $22.50 per 1M
      const tokens = { inputTokens: 150_000, cacheReadTokens: 60_000, outputTokens: 1000 };
      expect(estimateCostMicros(sonnet, usage(tokens))).toBe(958_500);
    });

    it('applies the gemini-2.5-pro tier', () => {
      // 300k × $2.50 + 2000 × $15 per 1M
      const pro = bundled('google', 'gemini-2.5-pro');
      expect(estimateCostMicros(pro, usage({ inputTokens: 300_000, outputTokens: 2000 }))).toBe(780_000);
    });

    it('falls back to base rates for a kind the tier does not list', () => {
      const tiered = entry({
        model: 'tiered',
        input: 1,
        output: 2,
        cacheRead: 0.1,
        longContext: { thresholdTokens: 1000, input: 2, output: 4 },
      });
      // 2000 × $2 (tier) + 1000 × $0.10 (base cache read) per 1M
      expect(estimateCostMicros(tiered, usage({ inputTokens: 2000, cacheReadTokens: 1000 }))).toBe(4100);
    });
  });

  describe('cache writes', () => {
    const sonnet = bundled('anthropic', 'claude-sonnet-4');

    it('uses the 5-minute rate unless tagged cacheTtl=1h', () => {
      const writes = { cacheWriteTokens: 100_000 };
      expect(estimateCostMicros(sonnet, usage(writes))).toBe(375_000); // × $3.75
      expect(estimateCostMicros(sonnet, usage({ ...writes, tags: { cacheTtl: '5m' } }))).toBe(375_000);
      expect(estimateCostMicros(sonnet, usage({ ...writes, tags: { cacheTtl: '1h' } }))).toBe(600_000); // × $6
    });

    it('prices cache writes as input when the model lists no write rate', () => {
      expect(estimateCostMicros(bundled('openai', 'gpt-4o'), usage({ cacheWriteTokens: 1000 }))).toBe(2500);
    });
  });

  describe('batch discount', () => {
    const gpt4o = bundled('openai', 'gpt-4o');
    const tokens = { inputTokens: 1_000_000, outputTokens: 1_000_000 };

    it('halves the price for the batch service or a batch tag', () => {
      expect(estimateCostMicros(gpt4o, usage(tokens))).toBe(12_500_000);
      expect(estimateCostMicros(gpt4o, usage({ ...tokens, service: 'batch' }))).toBe(6_250_000);
      expect(estimateCostMicros(gpt4o, usage({ ...tokens, tags: { batch: 'true' } }))).toBe(6_250_000);
    });

    it('rounds after the discount', () => {
      // 3 gpt-5-nano output tokens: 1.2 micros, halved to 0.6
      expect(
        estimateCostMicros(bundled('openai', 'gpt-5-nano'), usage({ outputTokens: 3, service: 'batch' })),
      ).toBe(1);
    });

    it('takes a fractional percent exactly', () => {
      const odd = entry({ model: 'odd', input: 1, batchDiscountPercent: 33.5 });
      expect(estimateCostMicros(odd, usage({ inputTokens: 1_000_000, service: 'batch' }))).toBe(665_000);
    });
  });

  describe('reasoning', () => {
    const tokens = { inputTokens: 1000, outputTokens: 10_000, reasoningTokens: 4000 };

    it('re-prices the reasoning share of output when reasoning is priced apart', () => {
      // the gemini-2.5-flash preview billed thinking at $3.50 and other output at $0.60 per 1M:
      // 1000 × $0.15 + 6000 × $0.60 + 4000 × $3.50 = 150 + 3600 + 14000 micros
      const preview = entry({
        provider: 'google',
        model: 'gemini-2.5-flash-preview-04-17',
        input: 0.15,
        output: 0.6,
        reasoning: 3.5,
      });
      expect(estimateCostMicros(preview, usage(tokens))).toBe(17_750);
      expect(estimateCostMicros(preview, usage({ ...tokens, reasoningTokens: 20_000 }))).toBe(35_150);
    });

    it('bills reasoning as ordinary output otherwise (gemini-2.5-flash)', () => {
      // 1000 × $0.30 + 10000 × $2.50 per 1M
      const flash = bundled('google', 'gemini-2.5-flash');
      expect(flash.reasoning).toBeUndefined();
      expect(estimateCostMicros(flash, usage(tokens))).toBe(25_300);
    });
  });
});
