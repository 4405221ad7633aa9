import { decodeCursor } from '../rows.ts';
import type { UsagePageQuery } from '../types.ts';
import { whereClause } from './filter.ts';
import { Params, type QueryDialect } from './params.ts';

/** A `usage` condition on the org (`$1`) and the given ids (`$2…`); params are `[org, ...ids]`. */
export function byIdsWhere(ids: readonly string[]): string {
  return `org = $1 AND id IN (${ids.map((_, i) => `$${i + 2}`).join(', ')})`;
}

/**
 * One page of records, newest first, after the cursor's position. Fetches one row more than the
 * limit so the caller knows whether another page follows. A row comparison lets PostgreSQL's
 * (org, ts DESC, id DESC) index serve the page directly; DuckDB accepts the same SQL.
 */
export function listUsageSql(
  query: UsagePageQuery,
  dialect: QueryDialect,
): { sql: string; params: unknown[] } {
  const params = new Params();
  let where = whereClause(query, params, dialect, { table: 'usage', time: 'ts' });
  if (query.cursor) {
    const c = decodeCursor(query.cursor);
    where += ` AND (ts, id) < (${params.instant(c.ts)}, ${params.add(c.id)})`;
  }
  const sql = `SELECT * FROM usage WHERE ${where} ORDER BY ts DESC, id DESC LIMIT ${params.add(query.limit + 1)}`;
  return { sql, params: params.values };
}
