import type { Engine } from '../engine.ts';
import { gatewayRepo } from '../gateway/repo.ts';
import type { UsageWriteTap } from '../gateway-calls.ts';
import type { GatewayStore } from '../types.ts';
import { HeldReservations } from './gateway-held.ts';
import { RunningSpend } from './gateway-spend.ts';

/**
 * The gateway methods of the DuckDB store, and the tap its usage writes pass (`withGatewayCalls`). One
 * process holds the file, so reservations of calls in flight and each enforcing budget's running spend
 * live in its memory: check-and-reserve reads the ledger once per budget and period, not per call.
 */
export function duckDbGateway(engine: Engine): { methods: GatewayStore; tap: UsageWriteTap } {
  const spend = new RunningSpend();
  const held = new HeldReservations(spend, engine.read, engine.dialect);
  return {
    methods: {
      ...gatewayRepo(engine),
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
