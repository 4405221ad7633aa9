import type { UsageRecord } from '../../domain/record.ts';
import { alertingRepo } from '../alerting/repo.ts';
import { anomalyRepo } from '../anomalies/repo.ts';
import { auditRepo } from '../audit/repo.ts';
import { bulkByParts } from '../bulk.ts';
import { detectionRepo } from '../detection/repo.ts';
import { withGatewayCalls } from '../gateway-calls.ts';
import { identityRepo } from '../identity/repo.ts';
import { priceOverrideRepo } from '../price-overrides/repo.ts';
import { dedupeBatch, scanPages } from '../rows.ts';
import { sourceRepo } from '../sources/repo.ts';
import { subscriptionRepo } from '../subscriptions/repo.ts';
import type { Store } from '../types.ts';
import { usageReadRepo } from '../usage/read-repo.ts';
import { withWriteMarks } from '../write-marks.ts';
import { bindTenancy, DEFAULT_APP_ROLE } from './app-role.ts';
import { applyCostUpdates } from './costs.ts';
import { postgresEngine } from './engine.ts';
import { postgresGatewayMethods } from './gateway.ts';
import { INSERT_CHUNK, inKeyOrder, insertChunk } from './insert.ts';
import { advisoryLock } from './leader-lock.ts';
import { migratePostgres } from './migrate.ts';
import { createPool, retrying, transaction } from './pool.ts';
import { scopeToOrgs } from './tenancy.ts';
import { postgresUsageEdits } from './usage-edits.ts';

export interface PostgresStoreOptions {
  url: string;
  /** Schema to keep the tables in, created if missing; the connection's default when omitted. */
  schema?: string;
  /** Role the store acts as when the connecting user would bypass row-level security (see rls.ts). */
  appRole?: string;
  /** Where setup notes go (a missing app role); stderr by default. */
  log?: (message: string) => void;
}

/** Connects to the shared PostgreSQL ledger; several spendlens instances may open the same one. */
export async function openPostgresStore({
  url,
  schema,
  appRole = DEFAULT_APP_ROLE,
  log = (message) => console.warn(`spendlens: ${message}`),
}: PostgresStoreOptions): Promise<Store> {
  const pool = await createPool(url, schema);
  const tenancy = await bindTenancy(pool, appRole, log).catch(async (error) => {
    await pool.end();
    throw error;
  });

  // Writes in flight, so close() lets them commit before the pool ends.
  const writes = new Set<Promise<unknown>>();
  function write<T>(fn: () => Promise<T>): Promise<T> {
    const p = retrying(fn);
    const done = () => writes.delete(p);
    writes.add(p);
    p.then(done, done);
    return p;
  }

  const engine = postgresEngine(pool, write);
  const detection = detectionRepo(engine);
  const store: Store = {
    ...detection,
    engine: 'postgres',
    ...postgresUsageEdits(pool, write),
    leaderLock: (name) => advisoryLock(pool, name),
    ...identityRepo(engine),
    ...alertingRepo(engine),
    ...postgresGatewayMethods(engine, pool, write),
    ...subscriptionRepo(engine),
    ...usageReadRepo(engine),
    ...anomalyRepo(engine),
    ...auditRepo(engine),
    ...sourceRepo(engine),
    ...priceOverrideRepo(engine),

    migrate: () => migratePostgres(engine, pool, tenancy),

    async insertUsage(records) {
      const { unique } = dedupeBatch(records);
      if (unique.length === 0) return { inserted: 0, duplicates: records.length };
      const sorted = inKeyOrder(unique);
      const chunks: UsageRecord[][] = [];
      for (let i = 0; i < sorted.length; i += INSERT_CHUNK) chunks.push(sorted.slice(i, i + INSERT_CHUNK));
      // One chunk is one autocommitted statement; more share a transaction so a batch lands whole or not at all.
      const inserted = await write(() =>
        chunks.length === 1
          ? insertChunk(pool, sorted)
          : transaction(pool, async (client) => {
              let n = 0;
              for (const chunk of chunks) n += await insertChunk(client, chunk);
              return n;
            }),
      );
      return { inserted, duplicates: records.length - inserted };
    },

    bulkInsert: async (options) =>
      bulkByParts((records) => store.insertUsage(records), options?.rowsPerWrite),

    scanUsage(filter, batchSize) {
      return scanPages(store.listUsage, filter, batchSize);
    },

    async updateCosts(org, updates) {
      if (updates.length === 0) return 0;
      return write(() => transaction(pool, (client) => applyCostUpdates(client, org, updates)));
    },

    async close() {
      await Promise.allSettled([...writes]);
      await pool.end();
    },
  };

  // Every method runs as its org; row-level security then holds even a query that forgets its filter.
  // why: scoped in place before the write marks wrap it, so methods calling each other through `store` stay scoped.
  return withGatewayCalls(withWriteMarks(scopeToOrgs(store), scopeToOrgs({ ...detection }), false), null);
}
