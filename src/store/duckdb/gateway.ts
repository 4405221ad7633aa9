import { type GatewayMethods, gatewayStatements } from '../sql/gateway.ts';
import type { QueryDialect } from '../sql/params.ts';
import type { DuckDb } from './connection.ts';
import { HeldReservations } from './gateway-held.ts';

/**
 * The gateway methods of the DuckDB store. One process holds the file, so reservations of calls in
 * flight live in its memory and check-and-reserve runs one call at a time in it, reading the ledger
 * without a write transaction.
 */
export function duckDbGatewayMethods(db: DuckDb, dialect: QueryDialect): GatewayMethods {
  const { writer, reader, exclusive, rows } = db;
  const read = (sql: string, params: unknown[]) => rows(reader, sql, params);
  const statements = gatewayStatements((sql, params) => exclusive(() => rows(writer, sql, params)), read);
  const held = new HeldReservations();
  let turn: Promise<unknown> = Promise.resolve();
  return {
    ...statements,
    reserveSpend(request) {
      const next = turn.then(() => held.reserve(read, dialect, request));
      turn = next.catch(() => undefined);
      return next;
    },
    async settleReservation(org, id) {
      held.settle(org, id);
    },
  };
}
