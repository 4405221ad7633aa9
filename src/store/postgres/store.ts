import type { UsageRecord } from '../../domain/record.ts';
import { alertingRepo } from '../alerting/repo.ts';
import { anomalyRepo } from '../anomalies/repo.ts';
import { auditRepo } from '../audit/repo.ts';
import { detectionRepo } from '../detection/repo.ts';
import { withGatewayCalls } from '../gateway-calls.ts';
import { identityRepo } from '../identity/repo.ts';
import { priceOverrideRepo } from '../price-overrides/repo.ts';
import {
  dedupeBatch,
  pageOf,
  rowToRecord,
  scanPages,
  spendRowFrom,
  UNPRICED_SQL,
  unpricedModelFrom,
} from '../rows.ts';
import { sourceRepo } from '../sources/repo.ts';
import { fineSpendRowFrom, fineSpendSql } from '../sql/fine-spend.ts';
import { listUsageSql } from '../sql/list.ts';
import { spendSql } from '../sql/spend.ts';
import { subscriptionRepo } from '../subscriptions/repo.ts';
import type { Store } from '../types.ts';
import { withWriteMarks } from '../write-marks.ts';
import { bindTenancy, DEFAULT_APP_ROLE } from './app-role.ts';
import { applyCostUpdates } from './costs.ts';
import { postgresEngine } from './engine.ts';
import { postgresGatewayMethods } from './gateway.ts';
import { INSERT_CHUNK, inKeyOrder, insertChunk } from './insert.ts';
import { advisoryLock } from './leader-lock.ts';
import { migratePostgres } from './migrate.ts';
import { createPool, type Db, retrying, transaction } from './pool.ts';
import { scopeToOrgs } from './tenancy.ts';
import { postgresUsageEdits } from './usage-edits.ts';
import { toNumber, toUsageRow } from './values.ts';

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

  async function rows(
    sql: string,
    params: unknown[] = [],
    db: Db = pool,
  ): Promise<Record<string, unknown>[]> {
    return (await db.query(sql, params)).rows;
  }

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
  const { dialect } = engine;
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
    ...anomalyRepo(engine),
    ...auditRepo(engine),
    ...sourceRepo(engine),
    ...priceOverrideRepo(engine),

    migrate: () => migratePostgres(pool, tenancy),

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

    async listUsage(query) {
      const { sql, params } = listUsageSql(query, dialect);
      const found = (await rows(sql, params)).map((r) => rowToRecord(toUsageRow(r)));
      return pageOf(found, query.limit);
    },

    scanUsage(filter, batchSize) {
      return scanPages(store.listUsage, filter, batchSize);
    },

    async spend(query) {
      const { sql, params } = spendSql(query, dialect);
      return (await rows(sql, params)).map((r) => spendRowFrom(r, query.groupBy));
    },

    async fineSpend(query) {
      const { sql, params } = fineSpendSql(query, dialect);
      return (await rows(sql, params)).map((r) => fineSpendRowFrom(r, query.slotSeconds));
    },

    async countUsage(org) {
      const r = await rows('SELECT COUNT(*) AS n FROM usage WHERE org = $1', [org]);
      return toNumber(r[0]?.n ?? 0);
    },

    async unpricedModels(org) {
      const r = await rows(UNPRICED_SQL, [org]);
      return r.map(unpricedModelFrom);
    },

    async updateCosts(org, updates) {
      if (updates.length === 0) return 0;
      return write(() => transaction(pool, (client) => applyCostUpdates(client, org, updates)));
    },

    async ping() {
      await rows('SELECT 1 AS ok');
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
