import { AppError } from '../../domain/errors.ts';
import { alertingRepo } from '../alerting/repo.ts';
import { anomalyRepo } from '../anomalies/repo.ts';
import { auditRepo } from '../audit/repo.ts';
import { detectionRepo } from '../detection/repo.ts';
import { withGatewayCalls } from '../gateway-calls.ts';
import { identityRepo } from '../identity/repo.ts';
import { applyMigrations, sharedMigrations } from '../migrate.ts';
import { priceOverrideRepo } from '../price-overrides/repo.ts';
import { rowToRecord, scanPages } from '../rows.ts';
import { sourceRepo } from '../sources/repo.ts';
import { byIdsWhere } from '../sql/list.ts';
import { subscriptionRepo } from '../subscriptions/repo.ts';
import type { Store } from '../types.ts';
import { usageReadRepo } from '../usage/read-repo.ts';
import { withWriteMarks } from '../write-marks.ts';
import { createWriteQueue } from '../write-queue.ts';
import { type DuckDbOptions, openDuckDb } from './connection.ts';
import { duckDbEngine } from './engine.ts';
import { duckDbGateway } from './gateway.ts';
import { withReadCache } from './identity.ts';
import { toUsageRow } from './values.ts';
import { createDuckDbWriter } from './write.ts';

/** Opens (creating if needed) the embedded DuckDB ledger at `path`, or in memory for ':memory:'. */
export async function openDuckDbStore(path: string, options: DuckDbOptions = {}): Promise<Store> {
  const db = await openDuckDb(path, options);
  const { reader, exclusive } = db;
  const rows = db.rows;
  let write: Awaited<ReturnType<typeof createDuckDbWriter>> | null = null;
  const writes = () => {
    if (!write) throw new AppError('internal', 'call migrate() before writing');
    return write;
  };
  // Concurrent batches wait in the queue and share the next commit.
  const queue = createWriteQueue((batches) => exclusive(() => writes().insert(batches)));

  const engine = duckDbEngine(db);
  const detection = detectionRepo(engine);
  const gateway = duckDbGateway(engine);
  const store: Store = {
    ...detection,
    engine: 'duckdb',
    ...identityRepo(withReadCache(engine)),
    ...alertingRepo(engine),
    ...gateway.methods,
    ...subscriptionRepo(engine),
    ...usageReadRepo(engine),
    ...anomalyRepo(engine),
    ...auditRepo(engine),
    ...sourceRepo(engine),
    ...priceOverrideRepo(engine),

    async migrate() {
      await applyMigrations(engine, sharedMigrations(engine.dialect));
      write ??= await createDuckDbWriter(db);
    },

    insertUsage(records) {
      if (records.length === 0) return Promise.resolve({ inserted: 0, duplicates: 0 });
      return queue.write(records);
    },

    bulkInsert: (options) => writes().bulk(exclusive, options?.rowsPerWrite),

    scanUsage(filter, batchSize) {
      return scanPages(store.listUsage, filter, batchSize);
    },

    updateCosts(org, updates) {
      return exclusive(() => writes().updateCosts(org, updates));
    },

    replaceUsage: (org, records) => exclusive(() => writes().replace(org, records)),

    async voidUsage(org, ids, dryRun) {
      const found = dryRun
        ? await rows(reader, `SELECT * FROM usage WHERE ${byIdsWhere(ids)} ORDER BY id`, [org, ...ids])
        : await exclusive(() => writes().voidRecords(org, ids));
      return found.map((r) => rowToRecord(toUsageRow(r)));
    },

    // why: the embedded file is held by one process, so that process always leads.
    leaderLock: () => ({ tryAcquire: async () => true, release: async () => undefined }),

    async close() {
      await queue.idle();
      await db.close();
    },
  };

  // why: one process holds the file, so it alone writes the watermark and sees every usage write land.
  return withGatewayCalls(withWriteMarks(store, detection, true), gateway.tap);
}
