import type { UsageRecord } from '../domain/record.ts';
import type { BulkInsert, InsertResult } from './types.ts';

/** Records per insert where a bulk load only gathers parts (PostgreSQL: its COPY-sized writes). */
const PARTS_PER_WRITE = 30_000;

/**
 * A bulk load written through `insert`, parts gathered until `rowsPerWrite` records, for an engine
 * whose insert already writes large batches well.
 */
export function bulkByParts(
  insert: (records: UsageRecord[]) => Promise<InsertResult>,
  rowsPerWrite = PARTS_PER_WRITE,
): BulkInsert {
  const totals: InsertResult = { inserted: 0, duplicates: 0 };
  let gathered: UsageRecord[] = [];
  const write = async () => {
    const records = gathered;
    gathered = [];
    if (records.length === 0) return;
    const r = await insert(records);
    totals.inserted += r.inserted;
    totals.duplicates += r.duplicates;
  };
  return {
    async add(records) {
      for (const r of records) gathered.push(r);
      if (gathered.length >= rowsPerWrite) await write();
    },
    async finish() {
      await write();
      return { ...totals };
    },
  };
}
