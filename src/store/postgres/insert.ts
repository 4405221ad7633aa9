import type { UsageRecord } from '../../domain/record.ts';
import { USAGE_COLUMNS } from '../rows.ts';
import { rollupUpsertSql } from '../sql/rollup.ts';
import { columnReader, USAGE_KINDS, USAGE_TABLE, type UsageColumn } from '../usage/table.ts';
import type { Db } from './pool.ts';

/** Column `c` of `records` as its array parameter (typed by `USAGE_KINDS`' cast). */
function parameterOf(c: UsageColumn, records: UsageRecord[]): unknown[] {
  const n = records.length;
  switch (c.kind) {
    case 'instant':
      return columnReader(c)(records, 0, n, (d) => d?.toISOString() ?? null);
    case 'tags':
      return columnReader(c)(records, 0, n, (tags) => JSON.stringify(tags));
    case 'label':
    case 'id':
    case 'count':
    case 'money':
      return columnReader(c)(records, 0, n, (value) => value);
    default:
      return c satisfies never;
  }
}

const ARRAYS = USAGE_TABLE.map((c, i) => `$${i + 1}::${USAGE_KINDS[c.kind].cast}[]`).join(', ');

/**
 * One statement: inserts the rows that are new, adds exactly those to the hourly rollup, and counts them.
 * A data-modifying CTE runs to completion whether or not the outer query reads it.
 */
const INSERT_SQL = `WITH ins AS (
  INSERT INTO usage (${USAGE_COLUMNS.join(', ')})
  SELECT *, now() FROM unnest(${ARRAYS})
  ON CONFLICT (org, id) DO NOTHING
  RETURNING *
), roll AS (
  ${rollupUpsertSql('ins', 1)}
)
SELECT COUNT(*) AS n FROM ins`;

/** Rows per statement; bounds the size of one request to the server. */
export const INSERT_CHUNK = 5_000;

/** Inserts records already free of repeats; returns how many were new. */
export async function insertChunk(db: Db, records: UsageRecord[]): Promise<number> {
  const params = USAGE_TABLE.map((c) => parameterOf(c, records));
  const result = await db.query<{ n: string }>(INSERT_SQL, params);
  return Number(result.rows[0]?.n ?? 0);
}

/**
 * Orders records by key so concurrent batches lock the rows they share in the same order,
 * which keeps two overlapping inserts from deadlocking on the primary key.
 */
export function inKeyOrder(records: UsageRecord[]): UsageRecord[] {
  const key = (r: UsageRecord) => `${r.org}\u0000${r.id}`;
  return records
    .map((r) => [key(r), r] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, r]) => r);
}
