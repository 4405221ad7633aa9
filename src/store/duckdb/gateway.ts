import type { UsageWriteTap } from '../gateway-calls.ts';
import { type GatewayMethods, gatewayStatements } from '../sql/gateway.ts';
import type { QueryDialect } from '../sql/params.ts';
import type { DuckDb } from './connection.ts';
import { HeldReservations } from './gateway-held.ts';
import { RunningSpend } from './gateway-spend.ts';

/**
 * The gateway methods of the DuckDB store, and the tap its usage writes pass (`withGatewayCalls`). One
 * process holds the file, so reservations of calls in flight and each enforcing budget's running spend
 * live in its memory: check-and-reserve reads the ledger once per budget and period, not per call.
 */
export function duckDbGateway(
  db: DuckDb,
  dialect: QueryDialect,
): { methods: GatewayMethods; tap: UsageWriteTap } {
  const { writer, reader, exclusive, rows } = db;
  const read = (sql: string, params: unknown[]) => rows(reader, sql, params);
  const statements = gatewayStatements((sql, params) => exclusive(() => rows(writer, sql, params)), read);
  const spend = new RunningSpend();
  const held = new HeldReservations(spend, read, dialect);
  return {
    methods: {
      ...statements,
      reserveSpend: (request) => held.reserve(request),
      async settleReservation(org, id) {
        held.settle(org, id);
      },
    },
    tap: {
      write: (fn, landed) => spend.write(fn, landed),
      inserted: (records, result) => spend.inserted(records, result),
      forget: (org) => spend.forget(org),
      settle: (org, id) => held.settle(org, id),
    },
  };
}
