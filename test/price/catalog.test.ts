import { describe, expect, it } from 'vitest';
import { bundledPriceEntries, createCatalog } from '../../src/price/index.ts';
import { entry } from './helpers.ts';

const catalog = createCatalog(bundledPriceEntries());
const june = new Date('2026-06-15T00:00:00Z');

describe('bundled catalog', () => {
  it('has the models of the reference list and the recent ones the old bundle lacked', () => {
    const models = catalog.entries().map((e) => `${e.provider}/${e.model}`);
    expect(models).toEqual(
      expect.arrayContaining([
        'openai/gpt-4o',
        'openai/gpt-4.1-nano',
        'openai/gpt-5-nano',
        'openai/o3',
        'openai/gpt-5.4',
        'openai/gpt-realtime',
        'openai/text-embedding-3-large',
        'anthropic/claude-sonnet-4-6',
        'anthropic/claude-opus-4-1',
        'anthropic/claude-opus-4-8',
        'anthropic/claude-opus-5',
        'anthropic/claude-sonnet-5',
        'anthropic/claude-haiku-4-5',
        'anthropic/claude-fable-5',
        'google/gemini-2.5-flash-lite',
        'google/gemini-2.0-flash',
      ]),
    );
    expect(models.length).toBeGreaterThan(300);
  });

  it('keeps dated price history: Opus 4.6 lost its long-context tier on 2026-03-13', () => {
    const before = catalog.find('anthropic', 'claude-opus-4-6', new Date('2026-03-12T23:59:59Z'));
    const after = catalog.find('anthropic', 'claude-opus-4-6', new Date('2026-03-13T00:00:00Z'));
    expect(before?.longContext?.input).toBe(10_000_000n);
    expect(after?.longContext).toBeUndefined();
    expect(after?.input).toBe(5_000_000n);
  });

  it('prices o3 at its launch price before its 2025-06-10 cut, and the cut price after', () => {
    expect(catalog.find('openai', 'o3', new Date('2025-06-09T12:00:00Z'))?.input).toBe(10_000_000n);
    expect(catalog.find('openai', 'o3-2025-04-16', new Date('2025-06-10T00:00:00Z'))?.input).toBe(2_000_000n);
  });
});

describe('catalog.find', () => {
  it.each([
    ['anthropic', 'claude-sonnet-4-20250514', 'claude-sonnet-4-0'],
    ['anthropic', 'claude-sonnet-4-0', 'claude-sonnet-4-0'],
    ['anthropic', 'claude-sonnet-4-5-20250929', 'claude-sonnet-4-5'],
    ['anthropic', 'claude-haiku-4-5-20251001', 'claude-haiku-4-5'],
    ['anthropic', 'claude-3-5-haiku-latest', 'claude-3-5-haiku-latest'],
    ['anthropic', 'claude-3-5-haiku-20241022', 'claude-3-5-haiku-latest'],
    ['anthropic', 'claude-opus-4-6-fast', 'claude-opus-4-6'],
    ['openai', 'gpt-5-codex', 'gpt-5'],
    ['anthropic', 'anthropic/claude-opus-4-1-20250805', 'claude-opus-4-1'],
    ['anthropic', 'Claude-Sonnet-4-6', 'claude-sonnet-4-6'],
    ['openai', 'gpt-4o-2024-08-06', 'gpt-4o'],
    ['openai', 'gpt-4o-2024-05-13', 'gpt-4o-2024-05-13'],
    ['openai', 'openai/gpt-5-mini', 'gpt-5-mini'],
    ['azure-openai', 'gpt-4.1-mini', 'gpt-4.1-mini'],
    ['google', 'models/gemini-2.5-pro', 'gemini-2.5-pro'],
    ['gemini', 'gemini/gemini-2.5-flash', 'gemini-2.5-flash'],
    ['vertex_ai', 'gemini-2.0-flash-001', 'gemini-2.0-flash'],
  ])('finds %s %s as %s', (provider, model, expected) => {
    expect(catalog.find(provider, model, june)?.model).toBe(expected);
  });

  it.each([
    ['openai', 'mystery-model'],
    ['openai', 'claude-sonnet-4'],
    ['anthropic', 'claude-sonnet-4-7'],
    ['openai', 'gtp-5'],
  ])('returns null for %s %s', (provider, model) => {
    expect(catalog.find(provider, model, june)).toBeNull();
  });

  it('picks the latest entry effective on or before the day, else the earliest', () => {
    const dated = createCatalog([
      entry({ model: 'gpt-x', effectiveFrom: '2025-07-01', input: 2 }),
      entry({ model: 'gpt-x', effectiveFrom: '2025-01-01', input: 1 }),
    ]);
    const inputAt = (iso: string) => dated.find('openai', 'gpt-x', new Date(iso))?.input;
    expect(inputAt('2025-03-01T00:00:00Z')).toBe(1_000_000n);
    expect(inputAt('2025-06-30T23:59:59Z')).toBe(1_000_000n);
    expect(inputAt('2025-07-01T00:00:00Z')).toBe(2_000_000n);
    expect(inputAt('2024-06-01T00:00:00Z')).toBe(1_000_000n);
  });

  it('prices usage from before the catalog began with the bundled entry', () => {
    expect(catalog.find('openai', 'gpt-4o', new Date('2024-09-01T00:00:00Z'))?.input).toBe(2_500_000n);
  });

  it('prefers a provider’s own prices to the ones it resells', () => {
    const azure = catalog.withOverrides([entry({ provider: 'azure-openai', model: 'gpt-4o', input: 2.75 })]);
    expect(azure.find('azure-openai', 'gpt-4o', june)?.input).toBe(2_750_000n);
    expect(azure.find('azure-openai', 'gpt-4o-mini', june)?.input).toBe(150_000n);
    expect(azure.find('openai', 'gpt-4o', june)?.input).toBe(2_500_000n);
  });
});

describe('catalog.withOverrides', () => {
  const sonnet4 = { provider: 'anthropic', model: 'claude-sonnet-4-0', effectiveFrom: '2020-01-01' };
  const cheaperSonnet = entry({ ...sonnet4, input: '2.5', output: 12 });

  it('replaces a bundled price with the same provider, model and date, keeping its match rule', () => {
    const overridden = catalog.withOverrides([cheaperSonnet]);
    const found = overridden.find('anthropic', 'claude-sonnet-4-20250514', june);
    expect(found).toMatchObject({ model: 'claude-sonnet-4-0', input: 2_500_000n, output: 12_000_000n });
    expect(found?.longContext).toBeUndefined();
    expect(overridden.entries()).toHaveLength(catalog.entries().length);
    expect(catalog.find('anthropic', 'claude-sonnet-4-0', june)?.input).toBe(3_000_000n);
  });

  it('adds an override with a new date beside the bundled price', () => {
    const later = catalog.withOverrides([{ ...cheaperSonnet, effectiveFrom: '2026-09-01' }]);
    expect(later.entries()).toHaveLength(catalog.entries().length + 1);
    expect(later.find('anthropic', 'claude-sonnet-4-20250514', june)?.input).toBe(3_000_000n);
    expect(later.find('anthropic', 'claude-sonnet-4-20250514', new Date('2026-09-02T00:00:00Z'))?.input).toBe(
      2_500_000n,
    );
  });

  it('lets an override under a short name price the dated names that fall back to it', () => {
    const short = catalog.withOverrides([
      entry({ provider: 'anthropic', model: 'claude-sonnet-4', input: 1 }),
    ]);
    expect(short.find('anthropic', 'claude-sonnet-4-20250514', june)?.input).toBe(1_000_000n);
  });

  it('adds a model the bundle does not know', () => {
    const withMistral = catalog.withOverrides([
      entry({ provider: 'mistral', model: 'mistral-large', input: 2 }),
    ]);
    expect(withMistral.find('mistral', 'mistral-large', june)?.input).toBe(2_000_000n);
  });
});
