import { describe, expect, it } from 'vitest';
import { estimateCostMicros } from '../../src/price/index.ts';
import { entry, usage } from './helpers.ts';

// $ per 1M tokens, each rate distinct so any part priced at another's rate shows
const media = entry({
  model: 'media',
  input: 1,
  output: 10,
  cacheRead: 0.1,
  inputAudio: 4,
  inputImage: 5,
  cacheReadAudio: 0.4,
  cacheReadImage: 0.5,
  outputAudio: 40,
  outputImage: 50,
});
const parts = (prefix: 'input' | 'cacheRead' | 'output') => ({
  [`${prefix}AudioTokens`]: '100000',
  [`${prefix}ImageTokens`]: '200000',
});

describe('audio and image parts', () => {
  it('prices each part of input, cache reads and output at its own rate, the rest at the text rate', () => {
    const all = usage({
      inputTokens: 1_000_000,
      cacheReadTokens: 1_000_000,
      outputTokens: 1_000_000,
      tags: { ...parts('input'), ...parts('cacheRead'), ...parts('output') },
    });
    // input 0.70 + 0.40 + 1.00; cache reads 0.07 + 0.04 + 0.10; output 7 + 4 + 10
    expect(estimateCostMicros(media, all)).toBe(23_310_000);
  });

  it('prices each part alone, so none leans on another', () => {
    const one = (fields: Parameters<typeof usage>[0]) => estimateCostMicros(media, usage(fields));
    expect(one({ inputTokens: 1_000_000, tags: parts('input') })).toBe(700_000 + 400_000 + 1_000_000);
    expect(one({ cacheReadTokens: 1_000_000, tags: parts('cacheRead') })).toBe(70_000 + 40_000 + 100_000);
    expect(one({ outputTokens: 1_000_000, tags: parts('output') })).toBe(7_000_000 + 4_000_000 + 10_000_000);
  });

  it('prices cached images at the image input rate when no cached image rate is listed, else the cache rate', () => {
    const cached = usage({ cacheReadTokens: 1_000_000, tags: { cacheReadImageTokens: '1000000' } });
    const imageOnly = entry({ model: 'img', input: 1, output: 2, cacheRead: 0.1, inputImage: 5 });
    expect(estimateCostMicros(imageOnly, cached)).toBe(5_000_000);
    const neither = entry({ model: 'txt', input: 1, output: 2, cacheRead: 0.1 });
    expect(estimateCostMicros(neither, cached)).toBe(100_000);
  });
});

describe('batch, flex and tool fees', () => {
  const batchable = entry({ model: 'b', input: 1, output: 2, batchDiscountPercent: 50 });
  const million = { inputTokens: 1_000_000 };

  it('halves a batch whether the service, a tag or the service tier says so, in any case', () => {
    const said: Record<string, string>[] = [
      { serviceTier: 'batch' },
      { serviceTier: 'Batch' },
      { batch: 'true' },
    ];
    for (const tags of said) {
      expect(estimateCostMicros(batchable, usage({ ...million, tags }))).toBe(500_000);
    }
    expect(estimateCostMicros(batchable, usage({ ...million, service: 'batch' }))).toBe(500_000);
    expect(estimateCostMicros(batchable, usage({ ...million, tags: { batch: 'false' } }))).toBe(1_000_000);
  });

  it('bills flex like batch on a model with no flex multiple, and by its multiple alone where it has one', () => {
    expect(estimateCostMicros(batchable, usage({ ...million, tags: { serviceTier: 'FLEX' } }))).toBe(500_000);
    const flexed = entry({
      model: 'f',
      input: 1,
      output: 2,
      batchDiscountPercent: 50,
      factors: { flex: 0.4 },
    });
    expect(estimateCostMicros(flexed, usage({ ...million, tags: { serviceTier: 'flex' } }))).toBe(400_000);
  });

  it('charges no discount for a batch on a model that lists none', () => {
    const plain = entry({ model: 'p', input: 1, output: 2 });
    expect(estimateCostMicros(plain, usage({ ...million, service: 'batch' }))).toBe(1_000_000);
  });

  it('adds search fees whole under a priority multiple', () => {
    const searching = entry({ model: 's', input: 1, output: 2, webSearchPerK: 10, factors: { priority: 2 } });
    const call = usage({ ...million, tags: { serviceTier: 'priority', webSearchRequests: '1000' } });
    // $1 of tokens × 2, plus $10 for 1,000 searches
    expect(estimateCostMicros(searching, call)).toBe(12_000_000);
  });
});
