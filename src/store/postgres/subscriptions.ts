import type pg from 'pg';
import { subscriptionMethods } from '../sql/subscriptions.ts';
import type { SubscriptionStore } from '../types-subscriptions.ts';

/** The seat and subscription methods of the PostgreSQL store; `write` retries deadlock victims. */
export function postgresSubscriptionMethods(
  pool: pg.Pool,
  write: <T>(fn: () => Promise<T>) => Promise<T>,
): SubscriptionStore {
  return subscriptionMethods(
    async (sql, params) => (await write(() => pool.query(sql, params))).rows,
    async (sql, params) => (await pool.query(sql, params)).rows,
  );
}
