import type pg from 'pg';
import { ROLLUP_PRUNE_SQL, rollupUpsertSql } from '../sql/rollup.ts';
import type { CostUpdate } from '../types.ts';

// An alias, which PostgreSQL before 16 requires of a subquery in FROM.
const AFFECTED = '(SELECT * FROM usage WHERE org = $1 AND id = ANY($2::text[])) AS affected';

/**
 * Rewrites costs inside the caller's transaction: locks the rows, takes them out of the rollup,
 * updates them, puts them back and prunes rollup rows left empty. Returns how many rows changed.
 */
export async function applyCostUpdates(
  client: pg.PoolClient,
  org: string,
  updates: CostUpdate[],
): Promise<number> {
  // The last update of an id wins; a repeated id would otherwise count twice in the rollup.
  const byId = new Map(updates.map((u) => [u.id, u]));
  const ids = [...byId.keys()];
  const list = ids.map((id) => byId.get(id) as CostUpdate);
  // why: without the lock a concurrent re-pricing could subtract the same old cost twice.
  await client.query('SELECT 1 FROM usage WHERE org = $1 AND id = ANY($2::text[]) ORDER BY id FOR UPDATE', [
    org,
    ids,
  ]);
  await client.query(rollupUpsertSql(AFFECTED, -1), [org, ids]);
  const changed = await client.query(
    `UPDATE usage SET cost_micros = c.cost_micros, currency = c.currency, cost_kind = c.cost_kind
     FROM unnest($2::text[], $3::bigint[], $4::text[], $5::text[]) AS c (id, cost_micros, currency, cost_kind)
     WHERE usage.org = $1 AND usage.id = c.id`,
    [org, ids, list.map((u) => u.costMicros), list.map((u) => u.currency), list.map((u) => u.costKind)],
  );
  await client.query(rollupUpsertSql(AFFECTED, 1), [org, ids]);
  await client.query(ROLLUP_PRUNE_SQL, [org]);
  return changed.rowCount ?? 0;
}
