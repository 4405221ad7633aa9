import { describe, expect, it } from 'vitest';
import type { SpendRow } from '../../web/src/api/types.ts';
import { fromMicros, sumDecimals, toMicros } from '../../web/src/lib/decimal.ts';
import { pivot } from '../../web/src/pages/explore/pivot.ts';
import { breakdownBars, stackSeries, topMovers } from '../../web/src/pages/overview/series.ts';

const row = (over: Partial<SpendRow>): SpendRow => ({
  cost: '0',
  inputTokens: 0,
  outputTokens: 0,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  reasoningTokens: 0,
  requests: 1,
  unpricedRequests: 0,
  ...over,
});
const day = (d: number) => new Date(2026, 10, d);

describe('exact money in the browser', () => {
  it('adds decimal strings without float error', () => {
    expect(sumDecimals(['0.100000', '0.200000'])).toBe('0.300000');
    expect(toMicros('3415.807428')).toBe(3_415_807_428n);
    expect(fromMicros(-1_500_000n)).toBe('-1.500000');
    expect(toMicros('-0.5')).toBe(-500_000n);
  });
});

describe('overview series', () => {
  const rows = [
    row({ bucket: day(1).toISOString(), model: 'a', cost: '5.000000' }),
    row({ bucket: day(1).toISOString(), model: 'b', cost: '3.000000' }),
    row({ bucket: day(3).toISOString(), model: 'c', cost: '1.000000' }),
    row({ bucket: day(3).toISOString(), model: 'd', cost: '0.500000' }),
    row({ bucket: day(3).toISOString(), model: null, cost: '0.250000' }),
  ];

  it('stacks the top values, sums the rest as Other and fills empty buckets with 0', () => {
    const series = stackSeries(rows, 'model', { from: day(1), to: day(4), bucket: 'day' }, 2);
    expect(series.series).toEqual([
      { key: 's0', name: 'a' },
      { key: 's1', name: 'b' },
      { key: 'other', name: 'Other' },
    ]);
    expect(series.points).toEqual([
      { t: day(1).getTime(), s0: 5, s1: 3, other: 0 },
      { t: day(2).getTime(), s0: 0, s1: 0, other: 0 },
      { t: day(3).getTime(), s0: 0, s1: 0, other: 1.75 },
    ]);
  });

  it('does not make an Other of a single value', () => {
    const series = stackSeries(rows.slice(0, 3), 'model', { from: day(1), to: day(4), bucket: 'day' }, 2);
    expect(series.series.map((s) => s.name)).toEqual(['a', 'b', 'c']);
  });

  it('draws bars with exact amounts and shares, unset values as (none)', () => {
    const bars = breakdownBars(rows, 'model', 3);
    expect(bars.map((b) => [b.value, b.cost])).toEqual([
      ['a', '5.000000'],
      ['b', '3.000000'],
      ['c', '1.000000'],
      ['Other (2)', '0.750000'],
    ]);
    expect(bars[0]?.share).toBeCloseTo(5 / 9.75);
    expect(breakdownBars(rows, 'model', 10).map((b) => b.value)).toContain('(none)');
  });

  it('ranks movers by the size of their change, new values included', () => {
    const previous = [row({ model: 'a', cost: '9.000000' }), row({ model: 'b', cost: '3.000000' })];
    const movers = topMovers(rows, previous, 'model', 3);
    expect(movers).toEqual([
      { value: 'a', current: '5.000000', previous: '9.000000', delta: '-4.000000', percent: (-4 / 9) * 100 },
      { value: 'c', current: '1.000000', previous: '0.000000', delta: '1.000000', percent: null },
      { value: 'd', current: '0.500000', previous: '0.000000', delta: '0.500000', percent: null },
    ]);
  });
});

describe('explore pivot', () => {
  it('folds buckets into lines by two dimensions with sparklines, cost per 1K output and share', () => {
    const rows = [
      row({
        bucket: day(1).toISOString(),
        team: 'x',
        user: 'ana',
        cost: '2.000000',
        outputTokens: 1000,
        requests: 2,
      }),
      row({
        bucket: day(2).toISOString(),
        team: 'x',
        user: 'ana',
        cost: '1.000000',
        outputTokens: 2000,
        requests: 1,
      }),
      row({
        bucket: day(2).toISOString(),
        team: 'y',
        user: 'bo',
        cost: '1.000000',
        outputTokens: 0,
        requests: 4,
      }),
    ];
    const lines = pivot(rows, ['team', 'user'], { from: day(1), to: day(3), bucket: 'day' });
    expect(lines).toEqual([
      expect.objectContaining({
        first: 'x',
        second: 'ana',
        cost: '3.000000',
        requests: 3,
        costPer1kOutput: '1.000000',
        share: 0.75,
        spark: [2, 1],
      }),
      expect.objectContaining({
        first: 'y',
        second: 'bo',
        cost: '1.000000',
        costPer1kOutput: null,
        spark: [0, 1],
      }),
    ]);
  });

  it('reads a count past 2^53, which the API sends as digits, as a number', () => {
    const big = row({ team: 'x', inputTokens: '9008000000000000', requests: '9007199254740993' });
    const [line] = pivot([big, row({ team: 'x', inputTokens: 2 })], ['team'], {
      from: day(1),
      to: day(3),
      bucket: 'day',
    });
    expect(line?.inputTokens).toBe(9_008_000_000_000_002);
    expect(line?.requests).toBeGreaterThanOrEqual(2 ** 53);
  });
});
