import type { Engine } from '../engine.ts';
import { exactNumber, pageOf, rowToRecord, spendRowFrom, UNPRICED_SQL, unpricedModelFrom } from '../rows.ts';
import { fineSpendRowFrom, fineSpendSql } from '../sql/fine-spend.ts';
import { listUsageSql } from '../sql/list.ts';
import { spendSql } from '../sql/spend.ts';
import type { UsageReadRepo } from '../types.ts';

/**
 * The ledger's reads over either engine; only how a driver's row becomes plain values differs
 * (`engine.usageRow`). `scanUsage` is each store's: it pages through the store's own `listUsage`, so
 * every page runs scoped to its org on PostgreSQL (a generator's body runs outside the call's scope).
 */
export function usageReadRepo(engine: Engine): Omit<UsageReadRepo, 'scanUsage'> & { ping(): Promise<void> } {
  const { dialect, read, usageRow } = engine;
  return {
    async listUsage(query) {
      const { sql, params } = listUsageSql(query, dialect);
      const found = (await read(sql, params)).map((r) => rowToRecord(usageRow(r)));
      return pageOf(found, query.limit);
    },
    async spend(query) {
      const { sql, params } = spendSql(query, dialect);
      return (await read(sql, params)).map((r) => spendRowFrom(r, query.groupBy));
    },
    async fineSpend(query) {
      const { sql, params } = fineSpendSql(query, dialect);
      return (await read(sql, params)).map((r) => fineSpendRowFrom(r, query.slotSeconds));
    },
    async countUsage(org) {
      const [found] = await read('SELECT COUNT(*) AS n FROM usage WHERE org = $1', [org]);
      return exactNumber(found?.n);
    },
    unpricedModels: async (org) => (await read(UNPRICED_SQL, [org])).map(unpricedModelFrom),
    async ping() {
      await read('SELECT 1 AS ok');
    },
  };
}
