import { ROLLUP_DIMS, ROLLUP_SUM_TYPE, ROLLUP_SUMS } from './schema.ts';

const KEY = `org, hour, ${ROLLUP_DIMS.join(', ')}`;
const GROUP_BY = Array.from({ length: ROLLUP_DIMS.length + 2 }, (_, i) => i + 1).join(', ');

/** The hourly sums of `source` (a table or subquery with usage columns), negated for sign -1. */
function rollupSelect(source: string, sign: 1 | -1, type: string): string {
  const s = sign === 1 ? '' : '-';
  const dims = ROLLUP_DIMS.map((c) => (c === 'cost_kind' || c === 'currency' ? c : `COALESCE(${c}, '')`));
  const sums = [
    `${s}COALESCE(SUM(cost_micros), 0)`,
    `${s}SUM(CASE WHEN cost_kind = 'unpriced' THEN requests ELSE 0 END)`,
    `${s}SUM(input_tokens)`,
    `${s}SUM(output_tokens)`,
    `${s}SUM(cache_read_tokens)`,
    `${s}SUM(cache_write_tokens)`,
    `${s}SUM(reasoning_tokens)`,
    `${s}SUM(requests)`,
    `${s}COUNT(*)`,
  ];
  return `SELECT org, date_trunc('hour', ts), ${dims.join(', ')}, ${sums.map((x) => `CAST(${x} AS ${type})`).join(', ')}
    FROM ${source}
    GROUP BY ${GROUP_BY}`;
}

/**
 * Adds (sign 1) or removes (sign -1) the rows of `source` to or from a keyed rollup (PostgreSQL).
 * Rows go in key order so concurrent writers lock the rollup rows they share in the same order
 * and cannot deadlock.
 */
export function rollupUpsertSql(source: string, sign: 1 | -1): string {
  return `INSERT INTO usage_hourly (${KEY}, ${ROLLUP_SUMS.join(', ')})
    ${rollupSelect(source, sign, ROLLUP_SUM_TYPE.keyed)}
    ORDER BY ${GROUP_BY}
    ON CONFLICT (${KEY}) DO UPDATE SET
    ${ROLLUP_SUMS.map((c) => `${c} = usage_hourly.${c} + excluded.${c}`).join(',\n    ')}`;
}

/**
 * Appends partial sums to an unkeyed rollup (DuckDB): no index to maintain on the write path, and
 * every read sums anyway. `rollupCompactSql` later merges the partials of recent hours.
 */
export function rollupAppendSql(source: string, sign: 1 | -1): string {
  return `INSERT INTO usage_hourly (${KEY}, ${ROLLUP_SUMS.join(', ')}) ${rollupSelect(source, sign, ROLLUP_SUM_TYPE.appended)}`;
}

/** Merges rollup partials from hour `$1` on into one row per key, dropping keys left with no records. */
export const ROLLUP_COMPACT_SQL = [
  `CREATE OR REPLACE TEMP TABLE rollup_compact AS
    SELECT ${KEY}, ${ROLLUP_SUMS.map((c) => `CAST(SUM(${c}) AS ${ROLLUP_SUM_TYPE.appended}) AS ${c}`).join(', ')}
    FROM usage_hourly WHERE hour >= CAST($1 AS TIMESTAMPTZ) GROUP BY ${GROUP_BY} HAVING SUM(records) <> 0`,
  'DELETE FROM usage_hourly WHERE hour >= CAST($1 AS TIMESTAMPTZ)',
  'INSERT INTO usage_hourly SELECT * FROM rollup_compact',
  'DROP TABLE rollup_compact',
];

/** Drops rollup rows that re-pricing emptied. */
export const ROLLUP_PRUNE_SQL = 'DELETE FROM usage_hourly WHERE org = $1 AND records = 0';
