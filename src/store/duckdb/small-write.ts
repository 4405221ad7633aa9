import type { UsageRecord } from '../../domain/record.ts';
import { USAGE_COLUMNS } from '../rows.ts';
import { Params } from '../sql/params.ts';

/** Writes up to this many records straight from VALUES lists; larger writes go through staging. */
export const SMALL_WRITE_ROWS = 256;

/** One record as a VALUES tuple in `usage` column order. */
function tuple(r: UsageRecord, params: Params, ingestedAt: Date): string {
  const ts = (d: Date | null) => (d ? params.instant(d) : 'NULL');
  const hasTags = Object.keys(r.tags).length > 0;
  const values = [
    params.add(r.org),
    params.add(r.id),
    params.add(r.source),
    ts(r.timestamp),
    ts(r.endTimestamp),
    params.add(r.provider),
    params.add(r.service),
    params.add(r.model),
    params.add(r.user),
    params.add(r.team),
    params.add(r.project),
    params.add(r.apiKey),
    params.add(r.context),
    hasTags ? `CAST(${params.add(JSON.stringify(r.tags))} AS JSON)` : 'NULL',
    ...[
      r.inputTokens,
      r.outputTokens,
      r.cacheReadTokens,
      r.cacheWriteTokens,
      r.reasoningTokens,
      r.requests,
    ].map((n) => `CAST(${params.add(String(n))} AS BIGINT)`),
    r.costMicros === null ? 'CAST(NULL AS BIGINT)' : `CAST(${params.add(String(r.costMicros))} AS BIGINT)`,
    params.add(r.currency),
    params.add(r.costKind),
    ts(ingestedAt),
  ];
  return `(${values.join(', ')})`;
}

/**
 * The statements of a small write: insert the records, skipping ids already stored, and answer the
 * ids that went in. The caller then rolls up exactly those with `rowsSource`.
 */
export function smallInsertSql(records: UsageRecord[], ingestedAt: Date): { sql: string; params: unknown[] } {
  const params = new Params();
  const rows = records.map((r) => tuple(r, params, ingestedAt));
  const sql = `INSERT INTO usage VALUES ${rows.join(', ')} ON CONFLICT DO NOTHING RETURNING org, id`;
  return { sql, params: params.values };
}

/** A subquery with `usage`'s columns holding `records`, for the rollup to read. */
export function rowsSource(records: UsageRecord[], ingestedAt: Date): { sql: string; params: unknown[] } {
  const params = new Params();
  const rows = records.map((r) => tuple(r, params, ingestedAt));
  return {
    sql: `(SELECT * FROM (VALUES ${rows.join(', ')}) AS v(${USAGE_COLUMNS.join(', ')}))`,
    params: params.values,
  };
}
