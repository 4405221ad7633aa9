import { type GatewayMethods, gatewayStatements } from '../sql/gateway.ts';
import { reserveIn } from '../sql/gateway-reserve.ts';
import type { QueryDialect } from '../sql/params.ts';
import type { DuckDb } from './connection.ts';

/**
 * The gateway methods of the DuckDB store. One process holds the file, and every write takes the write
 * connection in turn, so check-and-reserve runs alone in its transaction without a row lock.
 */
export function duckDbGatewayMethods(db: DuckDb, dialect: QueryDialect): GatewayMethods {
  const { writer, reader, exclusive, transaction, rows } = db;
  const statements = gatewayStatements(
    (sql, params) => exclusive(() => rows(writer, sql, params)),
    (sql, params) => rows(reader, sql, params),
  );
  return {
    ...statements,
    reserveSpend: (request) =>
      exclusive(() =>
        transaction(() => reserveIn((sql, params) => rows(writer, sql, params), dialect, request, null)),
      ),
  };
}
