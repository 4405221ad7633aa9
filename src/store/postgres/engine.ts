import type pg from 'pg';
import type { Dialect, Engine, Statement } from '../engine.ts';
import { type Db, transaction } from './pool.ts';
import { toUsageRow } from './values.ts';

/** PostgreSQL's spelling of the SQL that differs between engines. */
export const postgresDialect: Dialect = {
  name: 'postgres',
  json: 'JSONB',
  keyedRollup: true,
  tagValue: (params, key) => `tags->>${params.add(key)}`,
  utcBucket: (bucket, column) => `date_trunc('${bucket}', ${column})`,
};

/**
 * The shared ledger as an engine. Every connection the pool hands out is already scoped to the org of
 * the store call in progress (session.ts, tenancy.ts), so statements here need no scoping of their own;
 * `write` is the store's: it retries deadlock victims and lets close() wait for writes in flight.
 */
export function postgresEngine(pool: pg.Pool, write: <T>(fn: () => Promise<T>) => Promise<T>): Engine {
  const on =
    (db: Db): Statement =>
    async (sql, params) =>
      (await db.query(sql, params)).rows;
  const read = on(pool);
  return {
    dialect: postgresDialect,
    read,
    write: (sql, params) => write(() => read(sql, params)),
    transaction: (fn) => write(() => transaction(pool, (client) => fn(on(client)))),
    usageRow: toUsageRow,
  };
}
