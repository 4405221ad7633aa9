import { describe, expect, it } from 'vitest';
import type { UsageRecord } from '../../src/domain/record.ts';
import { readCache } from '../../src/store/duckdb/identity.ts';
import { sumsFit64 } from '../../src/store/duckdb/totals.ts';
import { fitting64, rollupOf } from '../../src/store/rollup-sums.ts';

const base: UsageRecord = {
  id: 'a',
  org: 'default',
  source: 'api',
  timestamp: new Date('2026-11-02T10:59:59.999Z'),
  endTimestamp: null,
  provider: 'openai',
  service: 'chat',
  model: 'gpt-4o',
  user: null,
  team: 'web',
  project: null,
  apiKey: null,
  context: 'nb.ipynb',
  tags: { env: 'prod' },
  inputTokens: 10,
  outputTokens: 2,
  cacheReadTokens: 3,
  cacheWriteTokens: 4,
  reasoningTokens: 1,
  requests: 1,
  costMicros: 125,
  currency: 'USD',
  costKind: 'estimated',
};

describe('rollupOf (the hourly sums of a write, computed in memory)', () => {
  it('groups by UTC hour and the rollup dimensions, unset values as empty, context and tags left out', () => {
    const rows = rollupOf([
      base,
      { ...base, id: 'b', context: 'other', tags: {} },
      { ...base, id: 'c', timestamp: new Date('2026-11-02T11:00:00.000Z') },
      { ...base, id: 'd', user: 'ana' },
    ]);
    expect(rows).toHaveLength(3);
    const first = rows[0];
    expect(first?.hourMs).toBe(Date.parse('2026-11-02T10:00:00Z'));
    expect(first?.dims).toEqual(['openai', 'chat', 'gpt-4o', '', 'web', '', '', 'api', 'estimated', 'USD']);
    expect(first?.sums).toEqual([250, 0, 20, 4, 6, 8, 2, 2, 2]);
    expect(rows[1]?.hourMs).toBe(Date.parse('2026-11-02T11:00:00Z'));
    expect(rows[2]?.dims[3]).toBe('ana');
  });

  it('counts unpriced requests, a null cost as zero, and negative costs (credits) exactly', () => {
    const [row] = rollupOf([
      { ...base, costMicros: null, costKind: 'unpriced', requests: 3 },
      { ...base, id: 'b', costMicros: null, costKind: 'unpriced', requests: 2 },
    ]);
    expect(row?.sums.slice(0, 2)).toEqual([0, 5]);
    const [credit] = rollupOf([base, { ...base, id: 'b', costMicros: -125 }]);
    expect(credit?.sums[0]).toBe(0);
  });

  it('stays exact past 2^53 by moving the sum to bigint', () => {
    const max = Number.MAX_SAFE_INTEGER;
    const [row] = rollupOf([
      { ...base, costMicros: max, inputTokens: max },
      { ...base, id: 'b', costMicros: max, inputTokens: 1 },
      { ...base, id: 'c', costMicros: 1, inputTokens: 0 },
    ]);
    expect(row?.sums[0]).toBe(2n * BigInt(max) + 1n);
    expect(row?.sums[2]).toBe(BigInt(max) + 1n);
    expect(row?.sums[8]).toBe(3);
  });
});

describe('fitting64 (rollup rows for 64-bit columns)', () => {
  const row = { org: 'o', hourMs: 0, dims: [], sums: [] as (number | bigint)[] };
  it('keeps a row that fits, up to 2^63 - 1 exactly', () => {
    const fits = { ...row, sums: [2n ** 63n - 1n, -(2n ** 63n) + 1n, 5] };
    expect(fitting64(fits)).toEqual([fits]);
  });
  it('splits a row past 2^63 into rows of at most 2^62 with the same totals, negative sums too', () => {
    const wide = { ...row, sums: [2n ** 63n, -(2n ** 64n) - 3n, 7] };
    const parts = fitting64(wide);
    expect(parts).toHaveLength(5);
    for (const i of [0, 1, 2]) {
      expect(parts.reduce((s, p) => s + BigInt(p.sums[i]!), 0n)).toBe(BigInt(wide.sums[i]!));
      for (const p of parts) expect(BigInt(p.sums[i]!) <= 2n ** 63n - 1n).toBe(true);
      for (const p of parts) expect(BigInt(p.sums[i]!) >= -(2n ** 63n)).toBe(true);
    }
  });
});

describe('sumsFit64 (when DuckDB may sum a write straight into 64-bit rollup columns)', () => {
  const max = Number.MAX_SAFE_INTEGER;
  it('is true for ordinary records, and for 512 records at the largest values', () => {
    expect(sumsFit64(Array.from({ length: 30_000 }, () => base))).toBe(true);
    expect(
      sumsFit64(Array.from({ length: 512 }, () => ({ ...base, costMicros: -max, inputTokens: max }))),
    ).toBe(true);
  });
  it('is false once any total of absolute values passes 2^62: cost (credits count too), tokens, requests', () => {
    expect(sumsFit64(Array.from({ length: 513 }, () => ({ ...base, costMicros: -max })))).toBe(false);
    expect(sumsFit64(Array.from({ length: 513 }, () => ({ ...base, reasoningTokens: max })))).toBe(false);
    expect(sumsFit64(Array.from({ length: 513 }, () => ({ ...base, requests: max })))).toBe(false);
  });
});

describe('readCache (identity reads on the DuckDB store)', () => {
  it('answers a repeated read from memory and asks again after a write', async () => {
    let asked = 0;
    let value = 'old';
    const cache = readCache(async () => {
      asked++;
      return [{ v: value }];
    });
    expect(await cache.read('SELECT', [1])).toEqual([{ v: 'old' }]);
    expect(await cache.read('SELECT', [1])).toEqual([{ v: 'old' }]);
    expect(asked).toBe(1);
    expect(await cache.read('SELECT', [2])).toEqual([{ v: 'old' }]);
    expect(asked).toBe(2);
    await cache.changing(async () => {
      value = 'new';
    });
    expect(await cache.read('SELECT', [1])).toEqual([{ v: 'new' }]);
    expect(asked).toBe(3);
  });

  it('does not keep an answer read while a write was under way', async () => {
    let value = 'old';
    let release = () => {};
    const cache = readCache(async () => {
      const seen = value;
      await new Promise<void>((r) => {
        release = r;
      });
      return [{ v: seen }];
    });
    const during = cache.changing(async () => {
      const read = cache.read('SELECT', []);
      value = 'new';
      release();
      return read;
    });
    expect(await during).toEqual([{ v: 'old' }]);
    const after = cache.read('SELECT', []);
    release();
    expect(await after).toEqual([{ v: 'new' }]);
  });

  it('does not remember a failed read', async () => {
    let fail = true;
    const cache = readCache(async () => {
      if (fail) throw new Error('closed');
      return [{ ok: 1 }];
    });
    await expect(cache.read('SELECT', [])).rejects.toThrow('closed');
    fail = false;
    expect(await cache.read('SELECT', [])).toEqual([{ ok: 1 }]);
  });
});
