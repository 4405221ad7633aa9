import type pg from 'pg';
import type { Engine } from '../engine.ts';
import { gatewayRepo } from '../gateway/repo.ts';
import { dedupeBatch } from '../rows.ts';
import type { GatewayStore } from '../types.ts';
import { reserveInTwoTrips } from './gateway-reserve.ts';
import { INSERT_CHUNK, inKeyOrder, insertChunk } from './insert.ts';
import { transaction } from './pool.ts';

/**
 * The gateway methods of the PostgreSQL store. Reserving locks each budget's row FOR UPDATE in one
 * transaction (two round trips), so instances sharing the database check and reserve one call at a
 * time per budget.
 */
export function postgresGatewayMethods(
  engine: Engine,
  pool: pg.Pool,
  write: <T>(fn: () => Promise<T>) => Promise<T>,
): GatewayStore {
  return {
    ...gatewayRepo(engine),
    reserveSpend: (request) => write(() => reserveInTwoTrips(pool, engine.dialect, request)),
    // why: the records and the end of their reservations commit together, so a check (one snapshot)
    // sees a call either as its reservation or as its cost, never both (a false refusal) nor neither.
    async recordCalls(records, settle) {
      const sorted = inKeyOrder(dedupeBatch(records).unique);
      const inserted = await write(() =>
        transaction(pool, async (client) => {
          let n = 0;
          for (let i = 0; i < sorted.length; i += INSERT_CHUNK) {
            n += await insertChunk(client, sorted.slice(i, i + INSERT_CHUNK));
          }
          for (const [org, ids] of idsByOrg(settle)) {
            await client.query('DELETE FROM gateway_reservations WHERE org = $1 AND id = ANY($2)', [
              org,
              ids,
            ]);
          }
          return n;
        }),
      );
      return { inserted, duplicates: records.length - inserted };
    },
  };
}

function idsByOrg(settle: { org: string; id: string }[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const s of settle) out.set(s.org, [...(out.get(s.org) ?? []), s.id]);
  return out;
}
