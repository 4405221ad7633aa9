import { describe, expect, it } from 'vitest';
import { createCatalog } from '../../src/price/index.ts';
import { entry } from './helpers.ts';

// why: each test builds its own small catalog, so a broken build or lookup fails that test alone
const june = new Date('2026-06-15T12:00:00Z');

describe('catalog lookup of a small catalog', () => {
  it('finds a model by its name and by an alias, and nothing for a name it does not know', () => {
    const catalog = createCatalog([entry({ model: 'house-model', aliases: ['house-alias'], input: 3 })]);
    expect(catalog.find('openai', 'house-model', june)?.input).toBe(3_000_000n);
    expect(catalog.find('openai', 'house-alias', june)?.model).toBe('house-model');
    expect(catalog.find('openai', 'other-model', june)).toBeNull();
    expect(catalog.find('anthropic', 'house-alias', june)).toBeNull();
  });

  it('takes the entry in force on the day, whatever order the entries came in', () => {
    const catalog = createCatalog([
      entry({ model: 'm', effectiveFrom: '2026-07-01', input: 2 }),
      entry({ model: 'm', effectiveFrom: '2026-05-01', input: 4 }),
      entry({ model: 'm', effectiveFrom: '2026-06-15', input: 3 }),
    ]);
    const on = (day: string) => catalog.find('openai', 'm', new Date(day))?.input;
    expect(on('2026-04-30T23:59:59Z')).toBe(4_000_000n); // before the first: the earliest
    expect(on('2026-06-14T23:59:59Z')).toBe(4_000_000n);
    expect(on('2026-06-15T00:00:00Z')).toBe(3_000_000n);
    expect(on('2026-07-02T00:00:00Z')).toBe(2_000_000n);
    expect(catalog.entries()).toHaveLength(3);
  });

  it('keeps the aliases and match rule of an entry an override replaces', () => {
    const base = createCatalog([
      entry({ model: 'm', aliases: ['m-alias'], match: { starts_with: 'm-2026' }, input: 1 }),
    ]);
    const fixed = base.withOverrides([entry({ model: 'm', aliases: ['m-new'], input: 5 })]);
    expect(fixed.find('openai', 'm-alias', june)?.input).toBe(5_000_000n);
    expect(fixed.find('openai', 'm-new', june)?.input).toBe(5_000_000n);
    expect(fixed.find('openai', 'm-2026-06-01', june)?.input).toBe(5_000_000n);
    expect(fixed.entries()).toHaveLength(1);
    expect(fixed.entries()[0]?.aliases).toEqual(['m-alias', 'm-new']);
    expect(base.find('openai', 'm', june)?.input).toBe(1_000_000n);
  });

  it('finds names by the entries’ match rules in catalog order, per provider', () => {
    const catalog = createCatalog([
      entry({ model: 'first', match: { starts_with: 'fam-' }, input: 1 }),
      entry({ model: 'first', effectiveFrom: '2026-07-01', match: { starts_with: 'fam-' }, input: 6 }),
      entry({ model: 'second', match: { contains: 'fam' }, input: 2 }),
      entry({ provider: 'anthropic', model: 'third', match: { contains: 'x' }, input: 3 }),
    ]);
    expect(catalog.find('openai', 'fam-2', june)?.model).toBe('first');
    expect(catalog.find('openai', 'fam-2', new Date('2026-07-01T00:00:00Z'))?.input).toBe(6_000_000n);
    expect(catalog.find('openai', 'my-fam', june)?.model).toBe('second');
    expect(catalog.find('openai', 'x', june)).toBeNull();
    expect(catalog.find('anthropic', 'x', june)?.model).toBe('third');
  });

  it('answers a repeated lookup the same way', () => {
    const catalog = createCatalog([entry({ model: 'm', aliases: ['a'] })]);
    for (let i = 0; i < 3; i++) {
      expect(catalog.find('openai', 'a', june)?.model).toBe('m');
      expect(catalog.find('openai', 'b', june)).toBeNull();
    }
  });
});
