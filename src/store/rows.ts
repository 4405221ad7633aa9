import { AppError } from '../domain/errors.ts';
import { clipInput } from '../domain/limits.ts';
import type { TokenField, UsageRecord } from '../domain/record.ts';
import type { ScanFilter, SpendRow, Store, UnpricedModel, UsagePage } from './types.ts';
import { columnsOfKind, INGESTED_AT, USAGE_TABLE } from './usage/table.ts';

/** Columns of the `usage` table, in insert order. */
export const USAGE_COLUMNS: readonly string[] = [...USAGE_TABLE.map((c) => c.name), INGESTED_AT];

type Column = (typeof USAGE_TABLE)[number];

/**
 * A `usage` row after the driver's values were turned into plain JS (Date, number, object): each
 * column holds its record field's value, tags possibly NULL.
 */
export type UsageRow = {
  [C in Column as C['name']]: C['kind'] extends 'tags'
    ? UsageRecord[C['field']] | null
    : UsageRecord[C['field']];
};

// why: a record literal compiled once from USAGE_TABLE; copying the fields in a loop keyed by name cost
// ~3.5 µs a row, forty times the literal and more than the rest of turning a DuckDB row into a record.
const fromRow = new Function(
  'row',
  `return { ${USAGE_TABLE.map((c) => `${c.field}: row.${c.name}${c.kind === 'tags' ? ' ?? {}' : ''}`).join(', ')} };`,
) as (row: UsageRow) => UsageRecord;

/** The one place a stored row becomes a domain record: each field from the column holding it, tags NULL as {}. */
export function rowToRecord(row: UsageRow): UsageRecord {
  return fromRow(row);
}

/** Encodes the position after `record` in the (timestamp desc, id desc) order. */
export function encodeCursor(record: UsageRecord): string {
  return Buffer.from(`${record.timestamp.toISOString()}|${record.id}`).toString('base64url');
}

// why: a cursor travels through the client, so it is read as hostile input: an instant both engines hold
// (years 0001–9999, in the exact form encodeCursor writes) and an id a record could have.
const CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)\|(.{1,1024})$/su;

/** The position a cursor from `encodeCursor` holds; a `validation_failed` naming `cursor` for anything else. */
export function decodeCursor(cursor: string): { ts: Date; id: string } {
  const text = Buffer.from(cursor, 'base64url').toString();
  // why: re-encoding catches bytes that are not UTF-8 and base64 that is not the form encodeCursor writes.
  const match = Buffer.from(text).toString('base64url') === cursor ? CURSOR.exec(text) : null;
  const ts = new Date(match?.[1] ?? Number.NaN);
  const id = match?.[2] ?? '';
  const instant = Number.isNaN(ts.getTime()) ? '' : ts.toISOString();
  if (!match || instant !== match[1] || instant.startsWith('0000') || id.includes('\u0000'))
    throw badCursor();
  return { ts, id };
}

/** The answer to a cursor this API did not issue. */
function badCursor(): AppError {
  const message = 'not one this API issued: pass the nextCursor of the previous page';
  return new AppError('validation_failed', `cursor: ${message}`, { errors: [{ path: 'cursor', message }] });
}

/** Keeps the first occurrence of each (org, id); returns the unique records and how many repeats were dropped. */
export function dedupeBatch(records: UsageRecord[]): { unique: UsageRecord[]; repeats: number } {
  const seen = new Set<string>();
  const unique: UsageRecord[] = [];
  for (const r of records) {
    const key = `${r.org}\u0000${r.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(r);
  }
  return { unique, repeats: records.length - unique.length };
}

/** An integer column value from either driver (number, bigint or numeric string) as an exact number. */
export function exactNumber(value: unknown): number {
  const n = Number(value ?? 0);
  if (!Number.isSafeInteger(n))
    throw new AppError('internal', `${String(value)} is beyond exact integer range`);
  return n;
}

/**
 * A summed integer column from either driver (DuckDB's HUGEINT bigint, PostgreSQL's NUMERIC text) as
 * an exact bigint, whatever its size.
 */
export function exactBigint(value: unknown): bigint {
  if (value === null || value === undefined) return 0n;
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
  if (typeof value === 'string' && /^-?\d{1,40}$/.test(value)) return BigInt(value);
  throw new AppError('internal', `${clipInput(value)} is not an integer sum`);
}

/** The one place an aggregate row from `spendSql` becomes a `SpendRow`, for both engines. */
export function spendRowFrom(r: Record<string, unknown>, groupBy: readonly string[]): SpendRow {
  return {
    bucket: (r.bucket as Date | null) ?? null,
    dims: Object.fromEntries(groupBy.map((g, i) => [g, (r[`d${i}`] as string | null) ?? null])),
    currency: String(r.currency),
    costMicros: exactBigint(r.cost_micros),
    unpricedRequests: exactBigint(r.unpriced_requests),
    ...countSums(r),
  };
}

const COUNTS = columnsOfKind('count');
type CountSums = Record<TokenField, bigint>;

/** The summed counts of an aggregate row, each under its column's name, as their record fields. */
function countSums(r: Record<string, unknown>): CountSums {
  // why: the count columns hold exactly the record's token fields (a test holds them to TOKEN_FIELDS).
  return Object.fromEntries(COUNTS.map((c) => [c.field, exactBigint(r[c.name])])) as CountSums;
}

/** The SQL both engines run to list unpriced models, and the mapping of its rows. */
export const UNPRICED_SQL = `SELECT provider, model, COUNT(*) AS records, SUM(requests) AS requests,
  SUM(input_tokens) AS input_tokens, SUM(output_tokens) AS output_tokens, MIN(ts) AS first_seen, MAX(ts) AS last_seen
  FROM usage WHERE org = $1 AND cost_kind = 'unpriced' GROUP BY provider, model ORDER BY records DESC, model`;

export function unpricedModelFrom(x: Record<string, unknown>): UnpricedModel {
  return {
    provider: String(x.provider),
    model: String(x.model),
    records: exactNumber(x.records),
    requests: exactBigint(x.requests),
    inputTokens: exactBigint(x.input_tokens),
    outputTokens: exactBigint(x.output_tokens),
    firstSeen: x.first_seen as Date,
    lastSeen: x.last_seen as Date,
  };
}

/** Walks every record a scan filter matches, page by page, through an engine's `listUsage`. */
export async function* scanPages(
  list: Store['listUsage'],
  filter: ScanFilter,
  batchSize: number,
): AsyncGenerator<UsageRecord[]> {
  const dimensions = { ...filter.dimensions };
  if (filter.costKinds) dimensions.costKind = filter.costKinds;
  if (filter.models) dimensions.model = filter.models;
  let cursor: string | null = null;
  do {
    const page = await list({ ...filter, dimensions, limit: batchSize, cursor });
    if (page.records.length) yield page.records;
    cursor = page.nextCursor;
  } while (cursor);
}

/** Cuts a `listUsageSql` result (limit + 1 rows) into a page and the cursor of the next one. */
export function pageOf(found: UsageRecord[], limit: number): UsagePage {
  const page = found.slice(0, limit);
  const more = found.length > limit && page.length > 0;
  return { records: page, nextCursor: more ? encodeCursor(page[page.length - 1] as UsageRecord) : null };
}
