import type { Engine } from '../engine.ts';
import type { StoredSubscription, SubscriptionRepo } from '../types-subscriptions.ts';

const PUT_SQL = `INSERT INTO subscriptions VALUES ($1, $2, $3, $4, CAST($5 AS TIMESTAMPTZ), CAST($6 AS TIMESTAMPTZ))
  ON CONFLICT (org, id) DO UPDATE SET origin = excluded.origin, definition = excluded.definition,
  updated_at = excluded.updated_at`;
const LIST_SQL =
  'SELECT * FROM subscriptions WHERE (CAST($1 AS TEXT) IS NULL OR org = CAST($1 AS TEXT)) ORDER BY org, id';
const DELETE_SQL = 'DELETE FROM subscriptions WHERE org = $1 AND id = $2 RETURNING id';

/** Seats and subscriptions over either engine. */
export function subscriptionRepo(engine: Engine): SubscriptionRepo {
  const { read, write } = engine;
  return {
    async putSubscription(s) {
      await write(PUT_SQL, [
        s.org,
        s.id,
        s.origin,
        JSON.stringify(s.definition),
        s.createdAt.toISOString(),
        s.updatedAt.toISOString(),
      ]);
    },
    async listSubscriptions(org) {
      return (await read(LIST_SQL, [org])).map(subscriptionRow);
    },
    async deleteSubscription(org, id) {
      return (await write(DELETE_SQL, [org, id])).length > 0;
    },
  };
}

/** A `subscriptions` row as a StoredSubscription. */
function subscriptionRow(r: Record<string, unknown>): StoredSubscription {
  return {
    org: String(r.org),
    id: String(r.id),
    origin: r.origin === 'config' ? 'config' : 'api',
    definition: JSON.parse(String(r.definition)) as Record<string, unknown>,
    createdAt: toDate(r.created_at),
    updatedAt: toDate(r.updated_at),
  };
}

function toDate(value: unknown): Date {
  return value instanceof Date ? value : new Date(String(value));
}
