import pg from 'pg';
import { AppError } from '../../domain/errors.ts';
import type { UsageRow } from '../rows.ts';
import { columnsOfKind } from '../usage/table.ts';

const INT8_OID = 20;
const NUMERIC_OID = 1700;

/**
 * Type parsing for our pool only: BIGINT and NUMERIC stay exact text, which the store converts
 * (`toNumber`, `BigInt`); everything else (TIMESTAMPTZ → Date, JSONB → object) is pg's default.
 */
export const PG_TYPES: pg.CustomTypesConfig = {
  // why: a global pg.types.setTypeParser elsewhere in the process must not change what we read.
  getTypeParser: (oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID || oid === NUMERIC_OID ? (text: string) => text : pg.types.getTypeParser(oid, format),
};

/** A BIGINT or NUMERIC read as text, as a number; refuses values a double cannot hold exactly. */
export function toNumber(value: unknown): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n))
    throw new AppError('internal', `stored value ${String(value)} is not a safe integer`);
  return n;
}

const COUNT_COLUMNS = columnsOfKind('count').map((c) => c.name);
const MONEY_COLUMNS = columnsOfKind('money').map((c) => c.name);

/** A `usage` row from pg (BIGINTs as text, JSONB already parsed) as the shared row type. */
export function toUsageRow(r: Record<string, unknown>): UsageRow {
  const row = { ...r } as unknown as UsageRow;
  for (const c of COUNT_COLUMNS) row[c] = toNumber(r[c]);
  for (const c of MONEY_COLUMNS) row[c] = r[c] === null ? null : toNumber(r[c]);
  return row;
}
