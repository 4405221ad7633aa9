import { columnsOfKind } from '../usage/table.ts';
import { ROLLUP_DIMS, ROLLUP_SUM_TYPE, ROLLUP_SUMS } from './rollup-columns.ts';
import { utcBucketByArithmetic } from './utc-bucket.ts';

/** The token and request counts, summed in `ROLLUP_SUMS` order after cost and unpriced requests. */
const COUNTS = columnsOfKind('count').map((c) => c.name);

const KEY = `org, hour, ${ROLLUP_DIMS.join(', ')}`;
const GROUP_BY = Array.from({ length: ROLLUP_DIMS.length + 2 }, (_, i) => i + 1).join(', ');

/** The hour of `ts`: PostgreSQL's `date_trunc`; on DuckDB, arithmetic (see utc-bucket.ts). */
const HOUR = { postgres: "date_trunc('hour', ts)", duckdb: utcBucketByArithmetic('hour', 'ts') };

/** The hourly sums of `source` (a table or subquery with usage columns), negated for sign -1. */
function rollupSelect(source: string, sign: 1 | -1, type: string, hour = HOUR.duckdb): string {
  const s = sign === 1 ? '' : '-';
  const dims = ROLLUP_DIMS.map((c) => (c === 'cost_kind' || c === 'currency' ? c : `COALESCE(${c}, '')`));
  const sums = [
    `${s}COALESCE(SUM(cost_micros), 0)`,
    `${s}SUM(CASE WHEN cost_kind = 'unpriced' THEN requests ELSE 0 END)`,
    ...COUNTS.map((c) => `${s}SUM(${c})`),
    `${s}COUNT(*)`,
  ];
  return `SELECT org, ${hour}, ${dims.join(', ')}, ${sums.map((x) => `CAST(${x} AS ${type})`).join(', ')}
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
    ${rollupSelect(source, sign, ROLLUP_SUM_TYPE.keyed, HOUR.postgres)}
    ORDER BY ${GROUP_BY}
    ON CONFLICT (${KEY}) DO UPDATE SET
    ${ROLLUP_SUMS.map((c) => `${c} = usage_hourly.${c} + excluded.${c}`).join(',\n    ')}`;
}

/** Bounds of a 64-bit rollup column on DuckDB. */
const INT64 = { min: '-9223372036854775808', max: '9223372036854775807' };

/** True for a row of 128-bit sums (of table alias `t`) that every 64-bit rollup column can hold. */
const fits = (t = '') =>
  `(${ROLLUP_SUMS.map((c) => `${t && `${t}.`}${c} BETWEEN ${INT64.min} AND ${INT64.max}`).join(' AND ')})`;

const KEY_MATCH = (a: string, b: string) =>
  ['org', 'hour', ...ROLLUP_DIMS].map((c) => `${a}.${c} = ${b}.${c}`).join(' AND ');

/** Each record of `source` as its own rollup row (a record's values always fit 64 bits), negated for -1. */
function recordRowsSelect(source: string, sign: 1 | -1): string {
  const s = sign === 1 ? '' : '-';
  const dims = ROLLUP_DIMS.map((c) =>
    c === 'cost_kind' || c === 'currency' ? `${c} AS ${c}` : `COALESCE(${c}, '') AS ${c}`,
  );
  const sums = [
    `${s}COALESCE(cost_micros, 0)`,
    `${s}CASE WHEN cost_kind = 'unpriced' THEN requests ELSE 0 END`,
    ...COUNTS.map((c) => `${s}${c}`),
    `${s}1`,
  ];
  return `SELECT org, ${HOUR.duckdb} AS hour, ${dims.join(', ')}, ${sums.map((x) => `CAST(${x} AS BIGINT)`).join(', ')}
    FROM ${source}`;
}

/**
 * Appends partial sums to an unkeyed rollup (DuckDB): no index to maintain on the write path, and
 * every read sums anyway. The rollup's columns are 64-bit, which DuckDB sums several times faster than
 * 128-bit ones; an hour's sum past 2^63 is still exact because its rows are summed in 128 bits when
 * read, and a write whose group would not fit one row writes that group as one row per record.
 * Statements in order, each with `source`'s parameters; `rollupCompactSql` merges partials later.
 */
export function rollupAppendSql(
  source: string,
  sign: 1 | -1,
): { sums: string; fitting: string; wide: string; rest: string; done: string } {
  const named = ['org', 'hour', ...ROLLUP_DIMS, ...ROLLUP_SUMS];
  return {
    sums: `CREATE OR REPLACE TEMP TABLE rollup_new AS SELECT * FROM (${rollupSelect(source, sign, 'HUGEINT')}) AS r(${named.join(', ')})`,
    fitting: `INSERT INTO usage_hourly SELECT ${KEY}, ${ROLLUP_SUMS.map((c) => `CAST(${c} AS BIGINT)`).join(', ')} FROM rollup_new WHERE ${fits()}`,
    wide: `SELECT COUNT(*) AS n FROM rollup_new WHERE NOT ${fits()}`,
    rest: `INSERT INTO usage_hourly SELECT r.* FROM (${recordRowsSelect(source, sign)}) r
      WHERE EXISTS (SELECT 1 FROM rollup_new n WHERE NOT ${fits('n')} AND ${KEY_MATCH('n', 'r')})`,
    done: 'DROP TABLE rollup_new',
  };
}

/**
 * Appends the sums of `source` in one statement, for a source whose hourly sums cannot pass 2^63
 * (see `sumsFit64` in duckdb/write.ts).
 */
export function rollupFittingSql(source: string): string {
  return `INSERT INTO usage_hourly ${rollupSelect(source, 1, 'BIGINT')}`;
}

/** `rollupAppendSql`'s statements as one list, the per-record rows run whether needed or not (for scripts). */
export function rollupAppendStatements(source: string, sign: 1 | -1): string[] {
  const sql = rollupAppendSql(source, sign);
  return [sql.sums, sql.fitting, sql.rest, sql.done];
}

/**
 * Merges rollup partials from hour `$1` on into one row per key where the merged sums fit 64 bits
 * (other keys keep their partial rows), dropping keys left with no records. A key with one row is left
 * alone: rewriting it would change nothing, and after a large import of distinct keys that is most.
 */
export const ROLLUP_COMPACT_SQL = [
  `CREATE OR REPLACE TEMP TABLE rollup_compact AS
    SELECT ${KEY}, ${ROLLUP_SUMS.map((c) => `SUM(${c}) AS ${c}`).join(', ')}
    FROM usage_hourly WHERE hour >= CAST($1 AS TIMESTAMPTZ) GROUP BY ${GROUP_BY}
    HAVING COUNT(*) > 1 OR SUM(records) = 0`,
  `DELETE FROM usage_hourly u USING rollup_compact c
    WHERE u.hour >= CAST($1 AS TIMESTAMPTZ) AND ${KEY_MATCH('u', 'c')} AND (c.records = 0 OR ${fits('c')})`,
  `INSERT INTO usage_hourly SELECT ${KEY}, ${ROLLUP_SUMS.map((c) => `CAST(${c} AS BIGINT)`).join(', ')}
    FROM rollup_compact WHERE records <> 0 AND ${fits()}`,
  'DROP TABLE rollup_compact',
];

/**
 * Migration 11 on DuckDB: the rollup's sums back to 64 bits (see `rollupAppendSql`); a row whose sums
 * do not fit is split into rows that do, with the same totals.
 */
export const ROLLUP_NARROW_SQL = [
  'CREATE OR REPLACE TEMP TABLE rollup_wide AS SELECT * FROM usage_hourly',
  // why: a fresh table, not ALTER … TYPE: DuckDB converts rows deleted earlier in the same transaction too.
  'DROP TABLE usage_hourly',
  `CREATE TABLE usage_hourly (
    org TEXT NOT NULL,
    hour TIMESTAMPTZ NOT NULL,
    ${ROLLUP_DIMS.map((c) => `${c} TEXT NOT NULL`).join(',\n    ')},
    ${ROLLUP_SUMS.map((c) => `${c} BIGINT NOT NULL`).join(',\n    ')}
  )`,
  `INSERT INTO usage_hourly SELECT ${KEY}, ${ROLLUP_SUMS.map((c) => `CAST(${c} AS BIGINT)`).join(', ')} FROM rollup_wide WHERE ${fits()}`,
  // why: n pieces of at most 2^62 each; the first takes the remainder, so the pieces sum to the row.
  `INSERT INTO usage_hourly
    SELECT ${KEY}, ${ROLLUP_SUMS.map((c) => `CAST(${c} // n + CASE WHEN i = 0 THEN ${c} % n ELSE 0 END AS BIGINT)`).join(', ')}
    FROM (SELECT *, greatest(${ROLLUP_SUMS.map((c) => `abs(${c})`).join(', ')}) // 4611686018427387904 + 1 AS n
          FROM rollup_wide WHERE NOT ${fits()}) w, range(CAST(w.n AS BIGINT)) t(i)`,
  'DROP TABLE rollup_wide',
];

/** Drops rollup rows that re-pricing emptied. */
export const ROLLUP_PRUNE_SQL = 'DELETE FROM usage_hourly WHERE org = $1 AND records = 0';
