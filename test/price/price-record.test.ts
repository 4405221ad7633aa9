import { describe, expect, it } from 'vitest';
import { bundledPriceEntries, createCatalog, priceRecord } from '../../src/price/index.ts';
import { entry, usageRecord } from './helpers.ts';

const catalog = createCatalog(bundledPriceEntries());
// 1000 × $3 + 500 × $15 per 1M = 3000 + 7500 micros
const sonnetCall = {
  provider: 'anthropic',
  model: 'claude-sonnet-4-20250514',
  inputTokens: 1000,
  outputTokens: 500,
};

describe('priceRecord', () => {
  it('estimates an unpriced record of a known model', () => {
    const priced = priceRecord(usageRecord(sonnetCall), catalog);
    expect(priced).toMatchObject({ costKind: 'estimated', costMicros: 10_500, currency: 'USD' });
  });

  it('re-prices an estimated record', () => {
    const stale = usageRecord({ ...sonnetCall, costKind: 'estimated', costMicros: 999 });
    expect(priceRecord(stale, catalog).costMicros).toBe(10_500);
  });

  it('marks an unknown model unpriced with no cost, never $0', () => {
    const unknown = usageRecord({ model: 'mystery-model', costKind: 'unpriced', costMicros: null });
    expect(priceRecord(unknown, catalog)).toMatchObject({ costKind: 'unpriced', costMicros: null });
  });

  it("keeps a source's own estimate for a model the catalog does not know", () => {
    const sourceEstimate = usageRecord({ model: 'mystery-model', costKind: 'estimated', costMicros: 999 });
    expect(priceRecord(sourceEstimate, catalog)).toMatchObject({ costKind: 'estimated', costMicros: 999 });
  });

  it('returns a billed record unchanged', () => {
    const billed = usageRecord({ ...sonnetCall, costKind: 'billed', costMicros: 12_345, currency: 'EUR' });
    expect(priceRecord(billed, catalog)).toBe(billed);
  });

  it('uses an override in place of the bundled price', () => {
    const override = entry({ provider: 'anthropic', model: 'claude-sonnet-4', input: 2.5, output: 15 });
    // 1000 × $2.50 + 500 × $15 per 1M
    expect(priceRecord(usageRecord(sonnetCall), catalog.withOverrides([override])).costMicros).toBe(10_000);
  });
});
