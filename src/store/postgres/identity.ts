import type pg from 'pg';
import type { IdentityMethods } from '../sql/identity.ts';
import { identityMethods } from '../sql/identity-methods.ts';
import { transaction } from './pool.ts';

/** The identity methods of the PostgreSQL store; `write` retries deadlock victims. */
export function postgresIdentityMethods(
  pool: pg.Pool,
  write: <T>(fn: () => Promise<T>) => Promise<T>,
): IdentityMethods {
  return identityMethods(
    async (sql, params) => (await write(() => pool.query(sql, params))).rows,
    async (sql, params) => (await pool.query(sql, params)).rows,
    (fn) =>
      write(() =>
        transaction(pool, (client) => fn(async (sql, params) => (await client.query(sql, params)).rows)),
      ),
  );
}
