import type { UsageRow } from './rows.ts';
import type { QueryDialect } from './sql/params.ts';
import type { SchemaDialect } from './sql/schema.ts';

/** Result rows as the engine reads them: one object per row, keyed by column name. */
export type Rows = Record<string, unknown>[];

/** Runs one statement with `$1, $2, …` placeholders (both engines accept them) and answers its rows. */
export type Statement = (sql: string, params?: unknown[]) => Promise<Rows>;

/** What SQL spells differently on each engine: column types and the few expressions in `QueryDialect`. */
export interface Dialect extends QueryDialect, SchemaDialect {
  readonly name: 'duckdb' | 'postgres';
}

/**
 * One database as the repositories written once over it see it (Kysely's driver). Each engine holds only
 * what differs: DuckDB its connections and single-writer lock, PostgreSQL its pool, deadlock retries and
 * the org each connection is scoped to. Writes answer rows too: say `RETURNING` to learn what changed.
 */
export interface Engine {
  readonly dialect: Dialect;
  read: Statement;
  write: Statement;
  /** Runs `fn` in one transaction; its statements go through the `tx` it is given. */
  transaction<T>(fn: (tx: Statement) => Promise<T>): Promise<T>;
  /** A `usage` row as this driver reads it (DuckDB: JSON tags as text; pg: BIGINTs as text) as plain values. */
  usageRow(row: Record<string, unknown>): UsageRow;
}

/** A JSON column's value as a document: DuckDB reads JSON as text, PostgreSQL's JSONB arrives parsed. */
export function jsonDocument<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}
