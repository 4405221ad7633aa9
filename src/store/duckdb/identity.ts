import type { IdentityMethods } from '../sql/identity.ts';
import { identityMethods } from '../sql/identity-methods.ts';
import type { DuckDb } from './connection.ts';

/** The identity methods of the DuckDB store; writes take the one write connection in turn. */
export function duckDbIdentityMethods(db: DuckDb): IdentityMethods {
  const { writer, reader, exclusive, transaction, rows } = db;
  const onWriter = (sql: string, params: unknown[]) => rows(writer, sql, params);
  return identityMethods(
    (sql, params) => exclusive(() => onWriter(sql, params)),
    (sql, params) => rows(reader, sql, params),
    (fn) => exclusive(() => transaction(() => fn(onWriter))),
  );
}
