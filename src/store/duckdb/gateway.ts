import { type GatewayMethods, gatewayStatements } from '../sql/gateway.ts';
import type { QueryDialect } from '../sql/params.ts';
import type { DuckDb } from './connection.ts';
import { HeldReservations } from './gateway-held.ts';

/**
 * The gateway methods of the DuckDB store. One process holds the file, so reservations of calls in
 * flight live in its memory and check-and-reserve reads the ledger without a write transaction.
 */
export function duckDbGatewayMethods(db: DuckDb, dialect: QueryDialect): GatewayMethods {
  const { writer, reader, exclusive, rows } = db;
  const read = (sql: string, params: unknown[]) => rows(reader, sql, params);
  const statements = gatewayStatements((sql, params) => exclusive(() => rows(writer, sql, params)), read);
  const held = new HeldReservations();
  return {
    ...statements,
    reserveSpend: (request) => held.reserve(read, dialect, request),
    async settleReservation(org, id) {
      held.settle(org, id);
    },
  };
}
