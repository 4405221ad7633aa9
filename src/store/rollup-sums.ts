import type { UsageRecord } from '../domain/record.ts';
import { HOUR_MS } from '../lib/time.ts';

/**
 * One hourly rollup row computed from records in memory: the same sums `rollupAppendSql` computes in
 * SQL (dimensions in `ROLLUP_DIMS` order, unset as ''; sums in `ROLLUP_SUMS` order), exact past 2^53.
 */
export interface RollupRow {
  org: string;
  hourMs: number;
  dims: string[];
  sums: (number | bigint)[];
}

const SUM_COUNT = 9;

/** The sums one record adds, in `ROLLUP_SUMS` order. */
function sumsOf(r: UsageRecord): number[] {
  return [
    r.costMicros ?? 0,
    r.costKind === 'unpriced' ? r.requests : 0,
    r.inputTokens,
    r.outputTokens,
    r.cacheReadTokens,
    r.cacheWriteTokens,
    r.reasoningTokens,
    r.requests,
    1,
  ];
}

// why: each value is a safe integer; a sum that leaves the safe range is redone in bigint from its exact parts.
function add(a: number | bigint, b: number): number | bigint {
  if (typeof a === 'bigint') return a + BigInt(b);
  const s = a + b;
  return Number.isSafeInteger(s) ? s : BigInt(a) + BigInt(b);
}

/** Groups `records` into hourly rollup rows (UTC hours), exactly as the SQL rollup would. */
export function rollupOf(records: Iterable<UsageRecord>): RollupRow[] {
  const rows = new Map<string, RollupRow>();
  for (const r of records) {
    const hourMs = Math.floor(r.timestamp.getTime() / HOUR_MS) * HOUR_MS;
    const dims = [
      r.provider,
      r.service,
      r.model,
      r.user ?? '',
      r.team ?? '',
      r.project ?? '',
      r.apiKey ?? '',
      r.source,
      r.costKind,
      r.currency,
    ];
    const key = `${r.org}\u0000${hourMs}\u0000${dims.join('\u0000')}`;
    const values = sumsOf(r);
    const row = rows.get(key);
    if (!row) {
      rows.set(key, { org: r.org, hourMs, dims, sums: values });
      continue;
    }
    for (let i = 0; i < SUM_COUNT; i++)
      row.sums[i] = add(row.sums[i] as number | bigint, values[i] as number);
  }
  return [...rows.values()];
}

const INT64_MAX = 2n ** 63n - 1n;
const PIECE = 2n ** 62n;

/**
 * `row` as rows whose sums each fit a signed 64-bit column, with the same totals: itself when it fits,
 * otherwise n pieces of at most 2^62, the first carrying the remainders.
 */
export function fitting64(row: RollupRow): RollupRow[] {
  const big = row.sums.map((v) => BigInt(v));
  const widest = big.reduce((m, v) => ((v < 0n ? -v : v) > m ? (v < 0n ? -v : v) : m), 0n);
  if (widest <= INT64_MAX) return [row];
  const n = widest / PIECE + 1n;
  return Array.from({ length: Number(n) }, (_, i) => ({
    ...row,
    sums: big.map((v) => v / n + (i === 0 ? v % n : 0n)),
  }));
}
