import {
  BIGINT,
  type DuckDBAppender,
  DuckDBDataChunk,
  type DuckDBType,
  type DuckDBValue,
  INTEGER,
  TIMESTAMPTZ,
  VARCHAR,
} from '@duckdb/node-api';
import type { UsageRecord } from '../../domain/record.ts';

/** In-memory table each write goes through before it meets the primary key and the rollup. */
export const STAGING_DDL = `CREATE OR REPLACE TEMP TABLE staging (
  org TEXT, id TEXT, source TEXT, ts TIMESTAMPTZ, end_ts TIMESTAMPTZ, provider TEXT, service TEXT, model TEXT,
  user_id TEXT, team TEXT, project TEXT, api_key TEXT, context TEXT, tags TEXT,
  input_tokens BIGINT, output_tokens BIGINT, cache_read_tokens BIGINT, cache_write_tokens BIGINT,
  reasoning_tokens BIGINT, requests BIGINT, cost_micros BIGINT, currency TEXT, cost_kind TEXT,
  ingested_at TIMESTAMPTZ, batch INTEGER)`;

type Column = readonly [DuckDBType, (r: UsageRecord) => unknown];

const micros = (d: Date) => ({ micros: BigInt(d.getTime()) * 1000n });
const big = (n: number | null) => (n === null ? null : BigInt(n));

/** Staging columns in order, each with how it is read off a record. */
const COLUMNS: Column[] = [
  [VARCHAR, (r) => r.org],
  [VARCHAR, (r) => r.id],
  [VARCHAR, (r) => r.source],
  [TIMESTAMPTZ, (r) => micros(r.timestamp)],
  [TIMESTAMPTZ, (r) => (r.endTimestamp ? micros(r.endTimestamp) : null)],
  [VARCHAR, (r) => r.provider],
  [VARCHAR, (r) => r.service],
  [VARCHAR, (r) => r.model],
  [VARCHAR, (r) => r.user],
  [VARCHAR, (r) => r.team],
  [VARCHAR, (r) => r.project],
  [VARCHAR, (r) => r.apiKey],
  [VARCHAR, (r) => r.context],
  [VARCHAR, (r) => JSON.stringify(r.tags)],
  [BIGINT, (r) => big(r.inputTokens)],
  [BIGINT, (r) => big(r.outputTokens)],
  [BIGINT, (r) => big(r.cacheReadTokens)],
  [BIGINT, (r) => big(r.cacheWriteTokens)],
  [BIGINT, (r) => big(r.reasoningTokens)],
  [BIGINT, (r) => big(r.requests)],
  [BIGINT, (r) => big(r.costMicros)],
  [VARCHAR, (r) => r.currency],
  [VARCHAR, (r) => r.costKind],
];

const CHUNK_ROWS = 2048;

/**
 * Appends records in `usage` column order plus the batch they came in. Whole columns go in per
 * data chunk: numbers and timestamps are copied as typed arrays, far faster than value-by-value appends.
 */
export function appendStaging(
  appender: DuckDBAppender,
  records: UsageRecord[],
  batchOf: (r: UsageRecord) => number,
  ingestedAt: Date,
): void {
  const types = [...COLUMNS.map(([type]) => type), TIMESTAMPTZ, INTEGER];
  const ingested = micros(ingestedAt);
  for (let start = 0; start < records.length; start += CHUNK_ROWS) {
    const rows = records.slice(start, start + CHUNK_ROWS);
    const chunk = DuckDBDataChunk.create(types, rows.length);
    const columns = COLUMNS.map(([, read]) => rows.map(read));
    columns.push(
      rows.map(() => ingested),
      rows.map(batchOf),
    );
    chunk.setColumns(columns as DuckDBValue[][]);
    appender.appendDataChunk(chunk);
  }
}
