import type { UsageRecord } from '../../domain/record.ts';
import { USAGE_COLUMNS } from '../rows.ts';
import { rollupUpsertSql } from '../sql/rollup.ts';
import type { Db } from './pool.ts';

type Column = Exclude<(typeof USAGE_COLUMNS)[number], 'ingested_at'>;

/** Each column's SQL type and how a record fills it; travels as one array parameter per column. */
const FIELDS: Record<Column, [type: string, value: (r: UsageRecord) => unknown]> = {
  org: ['text', (r) => r.org],
  id: ['text', (r) => r.id],
  source: ['text', (r) => r.source],
  ts: ['timestamptz', (r) => r.timestamp.toISOString()],
  end_ts: ['timestamptz', (r) => r.endTimestamp?.toISOString() ?? null],
  provider: ['text', (r) => r.provider],
  service: ['text', (r) => r.service],
  model: ['text', (r) => r.model],
  user_id: ['text', (r) => r.user],
  team: ['text', (r) => r.team],
  project: ['text', (r) => r.project],
  api_key: ['text', (r) => r.apiKey],
  context: ['text', (r) => r.context],
  tags: ['jsonb', (r) => JSON.stringify(r.tags)],
  input_tokens: ['bigint', (r) => r.inputTokens],
  output_tokens: ['bigint', (r) => r.outputTokens],
  cache_read_tokens: ['bigint', (r) => r.cacheReadTokens],
  cache_write_tokens: ['bigint', (r) => r.cacheWriteTokens],
  reasoning_tokens: ['bigint', (r) => r.reasoningTokens],
  requests: ['bigint', (r) => r.requests],
  cost_micros: ['bigint', (r) => r.costMicros],
  currency: ['text', (r) => r.currency],
  cost_kind: ['text', (r) => r.costKind],
};

const COLUMNS = USAGE_COLUMNS.filter((c): c is Column => c !== 'ingested_at');
const ARRAYS = COLUMNS.map((c, i) => `$${i + 1}::${FIELDS[c][0]}[]`).join(', ');

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
  const params = COLUMNS.map((c) => records.map(FIELDS[c][1]));
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
