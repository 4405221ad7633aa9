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
import { ROLLUP_DIMS } from '../sql/rollup-columns.ts';
import {
  columnReader,
  columnsOfKind,
  INGESTED_AT,
  USAGE_KINDS,
  USAGE_TABLE,
  type UsageColumn,
  type UsageColumnKind,
} from '../usage/table.ts';

/**
 * Records enter through two temporary tables. Label columns (org, model, user, …) repeat a few
 * hundred values across thousands of rows, so `staging` holds them as integer codes into
 * `staging_dict`: whole integer columns are copied as typed arrays, and only ids, tags and the
 * distinct labels cross into DuckDB as strings.
 */
export const STAGING_DDL = [
  stagingDdl('staging', 'INTEGER'),
  'CREATE OR REPLACE TEMP TABLE staging_dict (code INTEGER, value TEXT)',
  stagingDdl('staging_plain', 'TEXT'),
];

/** A coded staging table and its dictionary as plain tables `table` and `dict` (qualified names). */
export const codedStagingDdl = (table: string, dict: string) => [
  stagingDdl(table, 'INTEGER', 'TABLE'),
  `CREATE OR REPLACE TABLE ${dict} (code INTEGER, value TEXT)`,
];

/** A staging table: the `usage` columns, labels typed `label`, then `ingested_at` and the caller's batch. */
function stagingDdl(table: string, label: string, kind = 'TEMP TABLE'): string {
  const columns = USAGE_TABLE.map(
    (c) => `${c.name} ${c.kind === 'label' ? label : USAGE_KINDS[c.kind].staging}`,
  );
  return `CREATE OR REPLACE ${kind} ${table} (${columns.join(', ')}, ${INGESTED_AT} TIMESTAMPTZ, batch INTEGER)`;
}

/**
 * Below this many rows the label dictionary costs more than it saves: decoding it takes a dozen joins
 * to plan, a fixed ~20 ms that dominates a small write (a single-record post).
 */
export const DICTIONARY_MIN_ROWS = 2_000;

const LABELS = columnsOfKind('label').map((c) => c.name);

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

/** The dictionary's labels as one list indexed by code. */
const labelList = (dict: string) => `(SELECT list(value ORDER BY code) AS labels FROM ${dict})`;

/** Rows of a coded staging table decoded to `usage` columns, the batch index dropped. */
export const decodedSql = (table: string, dict: string) =>
  `SELECT s.* EXCLUDE (batch) REPLACE (${LABELS.map((c) => `d.labels[s.${c}] AS ${c}`).join(', ')})
    FROM ${table} s, ${labelList(dict)} d`;

/** The staged rows decoded to `usage` columns (the batch index dropped), from either staging table. */
export const DECODED: Record<StagingTable, string> = {
  staging: decodedSql('staging', 'staging_dict'),
  staging_plain: 'SELECT * EXCLUDE (batch) FROM staging_plain',
};

const HOUR_US = 3_600_000_000;
const COUNTS = columnsOfKind('count').map((c) => c.name);

/**
 * Appends the hourly sums of a coded staging table to the rollup (as `rollupFittingSql` does for
 * decoded rows), for rows whose sums fit 64 bits (`sumsFit64`). Groups by the integer codes and the
 * hour as microseconds, and decodes only the groups: several times cheaper than grouping decoded text
 * by `date_trunc`, which goes through the calendar for every row of a TIMESTAMPTZ.
 */
export function rollupCodedSql(table: string, dict: string): string {
  const label = (c: string) => `d.labels[g.${c}]`;
  const dims = ROLLUP_DIMS.map((c) =>
    c === 'cost_kind' || c === 'currency' ? label(c) : `COALESCE(${label(c)}, '')`,
  );
  const sums = [
    'CAST(COALESCE(SUM(cost_micros), 0) AS BIGINT) AS cost_micros',
    ...COUNTS.map((c) => `CAST(SUM(${c}) AS BIGINT) AS ${c}`),
    'CAST(COUNT(*) AS BIGINT) AS records',
  ];
  return `INSERT INTO usage_hourly
    SELECT ${label('org')}, make_timestamptz(g.hour_us), ${dims.join(', ')}, g.cost_micros,
      CASE WHEN ${label('cost_kind')} = 'unpriced' THEN g.requests ELSE 0 END,
      ${COUNTS.map((c) => `g.${c}`).join(', ')}, g.records
    FROM (SELECT org, e - (((e % ${HOUR_US}) + ${HOUR_US}) % ${HOUR_US}) AS hour_us, ${ROLLUP_DIMS.join(', ')}, ${sums.join(', ')}
      FROM (SELECT *, epoch_us(ts) AS e FROM ${table}) GROUP BY ALL) g, ${labelList(dict)} d`;
}

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
const timestampOf = (d: Date | null) => (d === null ? null : micros(d));
const tagsText = (tags: Record<string, string>) => (hasTags(tags) ? JSON.stringify(tags) : null);

const DUCKDB_TYPES = { TEXT: VARCHAR, TIMESTAMPTZ, BIGINT } satisfies Record<
  (typeof USAGE_KINDS)[UsageColumnKind]['staging'],
  DuckDBType
>;

/** Column `c` of `records[start, end)` as staged; a label goes through `code`. */
function stagedValues(
  c: UsageColumn,
  records: UsageRecord[],
  start: number,
  end: number,
  code: (value: string | null) => unknown,
): unknown[] {
  switch (c.kind) {
    case 'label':
      return columnReader(c)(records, start, end, code);
    case 'id':
      return columnReader(c)(records, start, end, (id) => id);
    case 'instant':
      return columnReader(c)(records, start, end, timestampOf);
    case 'tags':
      return columnReader(c)(records, start, end, tagsText);
    case 'count':
    case 'money':
      return columnReader(c)(records, start, end, big);
    default:
      return c satisfies never;
  }
}

/** Labels coded as integers across the parts of one coded staging table, and its dictionary table. */
export interface LabelCoding {
  /** Names as `openAppender` takes them. */
  table: string;
  dictTable: string;
  codes: Map<string, number>;
}

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
  if (records.length < DICTIONARY_MIN_ROWS) {
    await appendRows(openAppender, 'staging_plain', records, batchOf, ingestedAt, null);
    return 'staging_plain';
  }
  const coding = { table: 'staging', dictTable: 'staging_dict', codes: new Map<string, number>() };
  await appendCoded(openAppender, coding, records, batchOf, ingestedAt);
  return 'staging';
}

/**
 * Appends `records` to a coded staging table, coding labels with `coding.codes` (kept across calls, so
 * a table filled in parts has one dictionary) and appending the labels new to it to the dictionary.
 */
export async function appendCoded(
  openAppender: (table: string) => Promise<DuckDBAppender>,
  coding: LabelCoding,
  records: UsageRecord[],
  batchOf: (index: number) => number,
  ingestedAt: Date,
): Promise<void> {
  const { codes } = coding;
  const known = codes.size;
  const code = (value: string | null) => {
    if (value === null) return value;
    let c = codes.get(value);
    if (c === undefined) {
      c = codes.size + 1;
      codes.set(value, c);
    }
    return c;
  };
  await appendRows(openAppender, coding.table, records, batchOf, ingestedAt, code);
  const labels = [...codes].slice(known);
  if (labels.length === 0) return;
  const dictionary = await openAppender(coding.dictTable);
  appendChunks(dictionary, [INTEGER, VARCHAR], labels.length, (start, end) => [
    labels.slice(start, end).map(([, c]) => c),
    labels.slice(start, end).map(([v]) => v),
  ]);
  dictionary.closeSync();
}

/** Appends `records` to `table`, labels through `code` (integer codes) or as text when it is null. */
async function appendRows(
  openAppender: (table: string) => Promise<DuckDBAppender>,
  table: string,
  records: UsageRecord[],
  batchOf: (index: number) => number,
  ingestedAt: Date,
  code: ((value: string | null) => number | null) | null,
): Promise<void> {
  const ingested = micros(ingestedAt);
  const types = [
    ...USAGE_TABLE.map((c) =>
      c.kind === 'label' ? (code ? INTEGER : VARCHAR) : DUCKDB_TYPES[USAGE_KINDS[c.kind].staging],
    ),
    TIMESTAMPTZ,
    INTEGER,
  ];
  const label = code ?? ((value: string | null) => value);
  const rows = await openAppender(table);
  appendChunks(rows, types, records.length, (start, end) => [
    ...USAGE_TABLE.map((c) => stagedValues(c, records, start, end, label)),
    new Array(end - start).fill(ingested),
    Array.from({ length: end - start }, (_, j) => batchOf(start + j)),
  ]);
  rows.closeSync();
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

function hasTags(tags: Record<string, string>): boolean {
  for (const _ in tags) return true;
  return false;
}
