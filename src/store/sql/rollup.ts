import { ROLLUP_DIMS, ROLLUP_SUMS } from './schema.ts';

/**
 * Adds (sign 1) or removes (sign -1) the rows of `source` (a table or subquery with usage columns)
 * to or from the hourly rollup. Shared by both engines. Rows go in key order so concurrent
 * PostgreSQL writers lock the rollup rows they share in the same order and cannot deadlock.
 */
export function rollupUpsertSql(source: string, sign: 1 | -1): string {
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
  const groupBy = Array.from({ length: ROLLUP_DIMS.length + 2 }, (_, i) => i + 1).join(', ');
  return `INSERT INTO usage_hourly (org, hour, ${ROLLUP_DIMS.join(', ')}, ${ROLLUP_SUMS.join(', ')})
    SELECT org, date_trunc('hour', ts), ${dims.join(', ')}, ${sums.map((x) => `CAST(${x} AS BIGINT)`).join(', ')}
    FROM ${source}
    GROUP BY ${groupBy}
    ORDER BY ${groupBy}
    ON CONFLICT (org, hour, ${ROLLUP_DIMS.join(', ')}) DO UPDATE SET
    ${ROLLUP_SUMS.map((c) => `${c} = usage_hourly.${c} + excluded.${c}`).join(',\n    ')}`;
}

/** Drops rollup rows that re-pricing emptied. */
export const ROLLUP_PRUNE_SQL = 'DELETE FROM usage_hourly WHERE org = $1 AND records = 0';
