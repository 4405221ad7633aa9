import type { DuckDBAppender } from '@duckdb/node-api';
import type { UsageRecord } from '../../domain/record.ts';
import { timestampValue } from './values.ts';

/** In-memory table each write goes through before it meets the primary key and the rollup. */
export const STAGING_DDL = `CREATE OR REPLACE TEMP TABLE staging (
  org TEXT, id TEXT, source TEXT, ts TIMESTAMPTZ, end_ts TIMESTAMPTZ, provider TEXT, service TEXT, model TEXT,
  user_id TEXT, team TEXT, project TEXT, api_key TEXT, context TEXT, tags JSON,
  input_tokens BIGINT, output_tokens BIGINT, cache_read_tokens BIGINT, cache_write_tokens BIGINT,
  reasoning_tokens BIGINT, requests BIGINT, cost_micros BIGINT, currency TEXT, cost_kind TEXT,
  ingested_at TIMESTAMPTZ, batch INTEGER)`;

function text(appender: DuckDBAppender, value: string | null): void {
  if (value === null) appender.appendNull();
  else appender.appendVarchar(value);
}

/** Appends records in `usage` column order plus the batch they came in. */
export function appendStaging(
  appender: DuckDBAppender,
  records: UsageRecord[],
  batchOf: (r: UsageRecord) => number,
  ingestedAt: Date,
): void {
  const ingested = timestampValue(ingestedAt);
  for (const r of records) {
    appender.appendVarchar(r.org);
    appender.appendVarchar(r.id);
    appender.appendVarchar(r.source);
    appender.appendTimestampTZ(timestampValue(r.timestamp));
    if (r.endTimestamp) appender.appendTimestampTZ(timestampValue(r.endTimestamp));
    else appender.appendNull();
    appender.appendVarchar(r.provider);
    appender.appendVarchar(r.service);
    appender.appendVarchar(r.model);
    text(appender, r.user);
    text(appender, r.team);
    text(appender, r.project);
    text(appender, r.apiKey);
    text(appender, r.context);
    appender.appendVarchar(JSON.stringify(r.tags));
    appender.appendBigInt(BigInt(r.inputTokens));
    appender.appendBigInt(BigInt(r.outputTokens));
    appender.appendBigInt(BigInt(r.cacheReadTokens));
    appender.appendBigInt(BigInt(r.cacheWriteTokens));
    appender.appendBigInt(BigInt(r.reasoningTokens));
    appender.appendBigInt(BigInt(r.requests));
    if (r.costMicros === null) appender.appendNull();
    else appender.appendBigInt(BigInt(r.costMicros));
    appender.appendVarchar(r.currency);
    appender.appendVarchar(r.costKind);
    appender.appendTimestampTZ(ingested);
    appender.appendInteger(batchOf(r));
    appender.endRow();
  }
}
