import { describe, expect, it } from 'vitest';
import { clearAll, readFilters, withoutValue, withValue } from '../../web/src/state/filters.ts';
import {
  defaultBucket,
  previousRange,
  rangeParams,
  readRange,
  resolveRange,
} from '../../web/src/state/range.ts';

// Local times throughout: the dashboard reads ranges in the browser's zone.
const now = new Date(2026, 10, 22, 15, 20); // Nov 22, 2026 15:20

describe('date ranges', () => {
  const resolve = (query: string) => resolveRange(readRange(new URLSearchParams(query)), now);

  it('resolves each preset, ending at the next full hour when it ends now', () => {
    const endOfHour = new Date(2026, 10, 22, 16);
    expect(resolve('range=today')).toMatchObject({ from: new Date(2026, 10, 22), to: endOfHour });
    expect(resolve('range=7d')).toMatchObject({ from: new Date(2026, 10, 16), to: endOfHour });
    expect(resolve('')).toMatchObject({ from: new Date(2026, 9, 24), to: endOfHour, label: 'Last 30 days' });
    expect(resolve('range=mtd')).toMatchObject({ from: new Date(2026, 10, 1), to: endOfHour });
    // Nov 22 is a Sunday: the week began on Monday the 16th, and last week is the whole week before.
    expect(resolve('range=wtd')).toMatchObject({ from: new Date(2026, 10, 16), label: 'This week' });
    expect(resolve('range=lastweek')).toMatchObject({
      from: new Date(2026, 10, 9),
      to: new Date(2026, 10, 16),
      label: 'Last week',
    });
    expect(resolve('range=lastmonth')).toMatchObject({
      from: new Date(2026, 9, 1),
      to: new Date(2026, 10, 1),
    });
  });

  it('reads a custom range as whole days, both ends included, in either order', () => {
    expect(resolve('from=2026-11-01&to=2026-11-07')).toMatchObject({
      from: new Date(2026, 10, 1),
      to: new Date(2026, 10, 8),
      label: '1 Nov – 7 Nov 2026',
    });
    expect(readRange(new URLSearchParams('from=2026-11-07&to=2026-11-01'))).toEqual({
      kind: 'custom',
      from: '2026-11-01',
      to: '2026-11-07',
    });
    expect(readRange(new URLSearchParams('from=yesterday&to=2026-11-01&range=bogus'))).toEqual({
      kind: 'preset',
      preset: '30d',
    });
  });

  it('writes ranges back to the URL, leaving the default out', () => {
    expect(rangeParams({ kind: 'preset', preset: '30d' })).toEqual({ range: null, from: null, to: null });
    expect(rangeParams({ kind: 'preset', preset: '7d' })).toEqual({ range: '7d', from: null, to: null });
    expect(rangeParams({ kind: 'custom', from: '2026-11-01', to: '2026-11-02' })).toEqual({
      range: null,
      from: '2026-11-01',
      to: '2026-11-02',
    });
  });

  it('compares with the period of equal length just before', () => {
    const range = resolve('from=2026-11-01&to=2026-11-07');
    expect(previousRange(range)).toEqual({ from: new Date(2026, 9, 25), to: new Date(2026, 10, 1) });
  });

  it('picks hours for a day or two, days up to three months, weeks beyond', () => {
    expect(defaultBucket(resolve('range=today'))).toBe('hour');
    expect(defaultBucket(resolve('range=30d'))).toBe('day');
    expect(defaultBucket(resolve('from=2026-01-01&to=2026-11-01'))).toBe('week');
  });
});

describe('filters', () => {
  const filters = readFilters(
    new URLSearchParams('model=gpt-5,gpt-4.1&team=(none)&tag.env=prod&range=7d&bogus=1'),
  );

  it('reads dimension and tag filters from the URL and ignores the rest', () => {
    expect(filters).toEqual({ model: ['gpt-5', 'gpt-4.1'], team: ['(none)'], 'tag.env': ['prod'] });
  });

  it('adds, removes and clears values as URL changes', () => {
    expect(withValue(filters, 'model', 'o3')).toEqual({ model: 'gpt-5,gpt-4.1,o3' });
    expect(withValue(filters, 'user', 'ana')).toEqual({ user: 'ana' });
    expect(withoutValue(filters, 'model', 'gpt-5')).toEqual({ model: 'gpt-4.1' });
    expect(withoutValue(filters, 'team', '(none)')).toEqual({ team: null });
    expect(clearAll(filters)).toEqual({ model: null, team: null, 'tag.env': null });
  });
});
