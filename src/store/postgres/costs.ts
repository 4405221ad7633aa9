import type pg from 'pg';
import { ROLLUP_PRUNE_SQL, rollupUpsertSql } from '../sql/rollup.ts';
import { ROLLUP_DIMS, ROLLUP_SUMS } from '../sql/rollup-columns.ts';
import type { CostUpdate } from '../types.ts';

// An alias, which PostgreSQL before 16 requires of a subquery in FROM.
const AFFECTED = '(SELECT * FROM usage WHERE org = $1 AND id = ANY($2::text[])) AS affected';

const KEY = ['org', 'hour', ...ROLLUP_DIMS];
const CHANGING = new Set<string>(['currency', 'cost_kind']);
const KEY_EXPRS = [
  'u.org',
  "date_trunc('hour', u.ts)",
  ...ROLLUP_DIMS.map((c) => (CHANGING.has(c) ? `k.${c}` : `COALESCE(u.${c}, '')`)),
];
const POSITIONS = KEY.map((_, i) => i + 1).join(', ');

/**
 * Locks, in key order and in one statement, every rollup row the re-pricing will touch: the rows'
 * keys before and after (creating missing ones empty). The later upserts then wait on nothing, so
 * they cannot deadlock with concurrent inserts; rows left empty are pruned before commit.
 */
const LOCK_ROLLUP_SQL = `INSERT INTO usage_hourly (${KEY.join(', ')}, ${ROLLUP_SUMS.join(', ')})
  SELECT DISTINCT ${KEY_EXPRS.join(', ')}, ${ROLLUP_SUMS.map(() => '0').join(', ')}
  FROM usage u
  JOIN unnest($2::text[], $3::text[], $4::text[]) AS c (id, currency, cost_kind) ON u.id = c.id
  CROSS JOIN LATERAL (VALUES (u.currency, u.cost_kind), (c.currency, c.cost_kind)) AS k (currency, cost_kind)
  WHERE u.org = $1
  ORDER BY ${POSITIONS}
  ON CONFLICT (${KEY.join(', ')}) DO UPDATE SET records = usage_hourly.records`;

/**
 * Rewrites costs inside the caller's transaction: takes the rows out of the rollup, updates them,
 * puts them back and prunes rollup rows left empty. Returns how many rows changed.
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
  const currencies = list.map((u) => u.currency);
  const kinds = list.map((u) => u.costKind);
  // why: without the row locks a concurrent re-pricing could subtract the same old cost twice.
  await client.query('SELECT 1 FROM usage WHERE org = $1 AND id = ANY($2::text[]) ORDER BY id FOR UPDATE', [
    org,
    ids,
  ]);
  await client.query(LOCK_ROLLUP_SQL, [org, ids, currencies, kinds]);
  await client.query(rollupUpsertSql(AFFECTED, -1), [org, ids]);
  const changed = await client.query(
    `UPDATE usage SET cost_micros = c.cost_micros, currency = c.currency, cost_kind = c.cost_kind
     FROM unnest($2::text[], $3::bigint[], $4::text[], $5::text[]) AS c (id, cost_micros, currency, cost_kind)
     WHERE usage.org = $1 AND usage.id = c.id`,
    [org, ids, list.map((u) => u.costMicros), currencies, kinds],
  );
  await client.query(rollupUpsertSql(AFFECTED, 1), [org, ids]);
  await client.query(ROLLUP_PRUNE_SQL, [org]);
  return changed.rowCount ?? 0;
}
