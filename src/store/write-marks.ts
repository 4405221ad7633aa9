import type { UsageRecord } from '../domain/record.ts';
import type { DetectionMarks } from './detection/repo.ts';
import type { Store } from './types.ts';

/**
 * The store with every usage write (insert, replace, re-price, void) moving its org's detection
 * watermark back to the earliest timestamp it touched, once the write is durable, so the next detection
 * run examines it whichever path wrote it (push, sync, import, CLI). With `soleWriter` (DuckDB: one
 * process holds the file) a mark already earlier is known without a statement, so a stream of
 * records about now costs one statement per detection run, not one per batch.
 */
export function withWriteMarks(store: Store, detection: DetectionMarks, soleWriter: boolean): Store {
  const known = new Map<string, number>();
  async function mark(org: string, earliest: Date | null): Promise<void> {
    if (!earliest) return;
    const at = known.get(org);
    if (soleWriter && at !== undefined && at <= earliest.getTime()) return;
    await detection.markWritten(org, earliest);
    known.set(org, Math.min(at ?? Number.POSITIVE_INFINITY, earliest.getTime()));
  }
  const { earliestOf, ...methods } = detection;
  return {
    ...store,
    ...methods,
    async insertUsage(records) {
      const result = await store.insertUsage(records);
      // why: marked even when every record was a duplicate: a retry after a failed mark must still mark.
      for (const [org, earliest] of earliestByOrg(records)) await mark(org, earliest);
      return result;
    },
    async bulkInsert(options) {
      const bulk = await store.bulkInsert(options);
      return {
        async add(records) {
          await bulk.add(records);
          // why: marked once staged; a mark earlier than what lands only makes detection look further back.
          for (const [org, earliest] of earliestByOrg(records)) await mark(org, earliest);
        },
        finish: () => bulk.finish(),
      };
    },
    async replaceUsage(org, records) {
      const result = await store.replaceUsage(org, records);
      await mark(org, earliestByOrg(records).get(org) ?? null);
      return result;
    },
    async updateCosts(org, updates) {
      const changed = await store.updateCosts(org, updates);
      if (changed > 0)
        await mark(
          org,
          await earliestOf(
            org,
            updates.map((u) => u.id),
          ),
        );
      return changed;
    },
    async voidUsage(org, ids, dryRun) {
      const found = await store.voidUsage(org, ids, dryRun);
      if (!dryRun) await mark(org, earliestByOrg(found).get(org) ?? null);
      return found;
    },
    async takeWritten(org, seen) {
      await detection.takeWritten(org, seen);
      known.delete(org);
    },
  };
}

function earliestByOrg(records: readonly UsageRecord[]): Map<string, Date> {
  const out = new Map<string, Date>();
  for (const r of records) {
    const prev = out.get(r.org);
    if (!prev || r.timestamp < prev) out.set(r.org, r.timestamp);
  }
  return out;
}
