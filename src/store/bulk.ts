import type { UsageRecord } from '../domain/record.ts';
import type { BulkInsert, InsertResult } from './types.ts';

/** A bulk load written part by part through `insert`, for an engine that gains nothing by more. */
export function bulkByParts(insert: (records: UsageRecord[]) => Promise<InsertResult>): BulkInsert {
  const totals: InsertResult = { inserted: 0, duplicates: 0 };
  return {
    async add(records) {
      const r = await insert(records);
      totals.inserted += r.inserted;
      totals.duplicates += r.duplicates;
    },
    finish: async () => ({ ...totals }),
  };
}
