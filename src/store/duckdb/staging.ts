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
import { fitting64, type RollupRow } from '../rollup-sums.ts';

/**
 * Records enter through two temporary tables. Label columns (org, model, user, …) repeat a few
 * hundred values across thousands of rows, so `staging` holds them as integer codes into
 * `staging_dict`: whole integer columns are copied as typed arrays, and only ids, tags and the
 * distinct labels cross into DuckDB as strings.
 */
export const STAGING_DDL = [
  `CREATE OR REPLACE TEMP TABLE staging (
    org INTEGER, id TEXT, source INTEGER, ts TIMESTAMPTZ, end_ts TIMESTAMPTZ, provider INTEGER, service INTEGER,
    model INTEGER, user_id INTEGER, team INTEGER, project INTEGER, api_key INTEGER, context INTEGER, tags TEXT,
    input_tokens BIGINT, output_tokens BIGINT, cache_read_tokens BIGINT, cache_write_tokens BIGINT,
    reasoning_tokens BIGINT, requests BIGINT, cost_micros BIGINT, currency INTEGER, cost_kind INTEGER,
    ingested_at TIMESTAMPTZ, batch INTEGER)`,
  'CREATE OR REPLACE TEMP TABLE staging_dict (code INTEGER, value TEXT)',
  `CREATE OR REPLACE TEMP TABLE staging_plain (
    org TEXT, id TEXT, source TEXT, ts TIMESTAMPTZ, end_ts TIMESTAMPTZ, provider TEXT, service TEXT,
    model TEXT, user_id TEXT, team TEXT, project TEXT, api_key TEXT, context TEXT, tags TEXT,
    input_tokens BIGINT, output_tokens BIGINT, cache_read_tokens BIGINT, cache_write_tokens BIGINT,
    reasoning_tokens BIGINT, requests BIGINT, cost_micros BIGINT, currency TEXT, cost_kind TEXT,
    ingested_at TIMESTAMPTZ, batch INTEGER)`,
];

/**
 * Below this many rows the label dictionary costs more than it saves: decoding it takes a dozen joins
 * to plan, a fixed ~20 ms that dominates a small write (a single-record post).
 */
export const DICTIONARY_MIN_ROWS = 2_000;

const LABELS = [
  'org',
  'source',
  'provider',
  'service',
  'model',
  'user_id',
  'team',
  'project',
  'api_key',
  'context',
  'currency',
  'cost_kind',
];

/**
 * The staged rows decoded back to `usage` columns, minus those already in the ledger (and the
 * batch index they came in). Materialised once per write as `staged`.
 */
export const STAGED_PLAIN_SQL = `CREATE OR REPLACE TEMP TABLE staged AS
  SELECT s.* FROM staging_plain s WHERE NOT EXISTS (SELECT 1 FROM usage u WHERE u.org = s.org AND u.id = s.id)`;

// why: one list of the batch's labels, indexed by code, decodes all twelve columns in a single pass;
// a join per column cost more than the rest of the write.
export const STAGED_SQL = `CREATE OR REPLACE TEMP TABLE staged AS
  WITH decoded AS (
    SELECT s.* REPLACE (${LABELS.map((c) => `d.labels[s.${c}] AS ${c}`).join(', ')})
    FROM staging s, (SELECT list(value ORDER BY code) AS labels FROM staging_dict) d)
  SELECT x.* FROM decoded x WHERE NOT EXISTS (SELECT 1 FROM usage u WHERE u.org = x.org AND u.id = x.id)`;

/** The staging table a write filled: label codes with their dictionary, or plain text. */
export type StagingTable = 'staging' | 'staging_plain';

/** The staged rows decoded to `usage` columns (the batch index dropped), from either staging table. */
export const DECODED: Record<StagingTable, string> = {
  staging: `SELECT s.* EXCLUDE (batch) REPLACE (${LABELS.map((c) => `d.labels[s.${c}] AS ${c}`).join(', ')})
    FROM staging s, (SELECT list(value ORDER BY code) AS labels FROM staging_dict) d`,
  staging_plain: 'SELECT * EXCLUDE (batch) FROM staging_plain',
};

/**
 * Inserts the staged rows into `usage`. `new` expects every id to be new and fails on one already
 * stored (the primary key's index answers that, however large the ledger); `skipping` leaves stored ids
 * out and answers the keys that went in, at about three times the cost of a small write.
 */
export function insertStagedSql(table: StagingTable, mode: 'new' | 'skipping'): string {
  const insert = `INSERT INTO usage ${DECODED[table]}`;
  return mode === 'new' ? insert : `${insert} ON CONFLICT DO NOTHING RETURNING org, id`;
}

/** True for DuckDB's answer to an insert that met a stored primary key. */
export function isDuplicateKey(error: unknown): boolean {
  return /Constraint Error: Duplicate key/.test(String((error as Error)?.message ?? error));
}

const micros = (d: Date) => ({ micros: BigInt(d.getTime()) * 1000n });
const big = (n: number | null) => (n === null ? null : BigInt(n));

/**
 * Fills the staging tables with `records`; `batchOf` tells which caller's batch each came in. Large
 * writes code labels through `staging_dict`; small ones write them as text into `staging_plain`.
 * Returns the table written.
 */
export async function appendStaging(
  openAppender: (table: string) => Promise<DuckDBAppender>,
  records: UsageRecord[],
  batchOf: (index: number) => number,
  ingestedAt: Date,
): Promise<StagingTable> {
  const coded = records.length >= DICTIONARY_MIN_ROWS;
  const LABEL = coded ? INTEGER : VARCHAR;
  const dict = new Map<string, number>();
  const code = (value: string | null) => {
    if (value === null || !coded) return value;
    let c = dict.get(value);
    if (c === undefined) {
      c = dict.size + 1;
      dict.set(value, c);
    }
    return c;
  };
  const ingested = micros(ingestedAt);
  const columns: [DuckDBType, (r: UsageRecord, i: number) => unknown][] = [
    [LABEL, (r) => code(r.org)],
    [VARCHAR, (r) => r.id],
    [LABEL, (r) => code(r.source)],
    [TIMESTAMPTZ, (r) => micros(r.timestamp)],
    [TIMESTAMPTZ, (r) => (r.endTimestamp ? micros(r.endTimestamp) : null)],
    [LABEL, (r) => code(r.provider)],
    [LABEL, (r) => code(r.service)],
    [LABEL, (r) => code(r.model)],
    [LABEL, (r) => code(r.user)],
    [LABEL, (r) => code(r.team)],
    [LABEL, (r) => code(r.project)],
    [LABEL, (r) => code(r.apiKey)],
    [LABEL, (r) => code(r.context)],
    [VARCHAR, (r) => (hasTags(r) ? JSON.stringify(r.tags) : null)],
    [BIGINT, (r) => big(r.inputTokens)],
    [BIGINT, (r) => big(r.outputTokens)],
    [BIGINT, (r) => big(r.cacheReadTokens)],
    [BIGINT, (r) => big(r.cacheWriteTokens)],
    [BIGINT, (r) => big(r.reasoningTokens)],
    [BIGINT, (r) => big(r.requests)],
    [BIGINT, (r) => big(r.costMicros)],
    [LABEL, (r) => code(r.currency)],
    [LABEL, (r) => code(r.costKind)],
    [TIMESTAMPTZ, () => ingested],
    [INTEGER, (_r, i) => batchOf(i)],
  ];
  const rows = await openAppender(coded ? 'staging' : 'staging_plain');
  appendChunks(
    rows,
    columns.map(([type]) => type),
    records.length,
    (start, end) =>
      columns.map(([, read]) => {
        const out: unknown[] = new Array(end - start);
        for (let i = start; i < end; i++) out[i - start] = read(records[i] as UsageRecord, i);
        return out;
      }),
  );
  rows.closeSync();
  if (!coded) return 'staging_plain';
  const labels = [...dict];
  const dictionary = await openAppender('staging_dict');
  appendChunks(dictionary, [INTEGER, VARCHAR], labels.length, (start, end) => [
    labels.slice(start, end).map(([, c]) => c),
    labels.slice(start, end).map(([v]) => v),
  ]);
  dictionary.closeSync();
  return 'staging';
}

/** The hourly rollup's columns as the appender writes them: org, hour, ten dimensions, nine sums. */
const ROLLUP_TYPES: DuckDBType[] = [
  VARCHAR,
  TIMESTAMPTZ,
  ...Array<DuckDBType>(10).fill(VARCHAR),
  ...Array<DuckDBType>(9).fill(BIGINT),
];

/**
 * Appends rollup rows computed in memory (see rollup-sums.ts) to `usage_hourly`, in the open
 * transaction; a row whose sums pass 64 bits goes in as several that fit.
 */
export async function appendRollupRows(
  openAppender: (table: string) => Promise<DuckDBAppender>,
  rows: RollupRow[],
): Promise<void> {
  rows = rows.flatMap(fitting64);
  if (rows.length === 0) return;
  const appender = await openAppender('usage_hourly');
  appendChunks(appender, ROLLUP_TYPES, rows.length, (start, end) => {
    const part = rows.slice(start, end);
    return [
      part.map((r) => r.org),
      part.map((r) => micros(new Date(r.hourMs))),
      ...Array.from({ length: 10 }, (_, i) => part.map((r) => r.dims[i])),
      ...Array.from({ length: 9 }, (_, i) => part.map((r) => BigInt(r.sums[i] as number | bigint))),
    ];
  });
  appender.closeSync();
}

const CHUNK_ROWS = 2048;

function appendChunks(
  appender: DuckDBAppender,
  types: DuckDBType[],
  count: number,
  columnsFor: (start: number, end: number) => unknown[][],
): void {
  for (let start = 0; start < count; start += CHUNK_ROWS) {
    const end = Math.min(start + CHUNK_ROWS, count);
    const chunk = DuckDBDataChunk.create(types, end - start);
    chunk.setColumns(columnsFor(start, end) as DuckDBValue[][]);
    appender.appendDataChunk(chunk);
  }
}

function hasTags(r: UsageRecord): boolean {
  for (const _ in r.tags) return true;
  return false;
}
