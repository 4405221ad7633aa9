import type { UsageRecord } from '../domain/record.ts';
import type { InsertResult } from './types.ts';

interface Pending {
  records: UsageRecord[];
  resolve: (result: InsertResult) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: batches that arrive while a write is in flight are written together in the next
 * transaction, so many small posts share one commit. Each caller still gets its own counts.
 */
export function createWriteQueue(flush: (batches: UsageRecord[][]) => Promise<InsertResult[]>) {
  let pending: Pending[] = [];
  let running: Promise<void> | null = null;

  async function drain(): Promise<void> {
    while (pending.length > 0) {
      const taken = pending;
      pending = [];
      try {
        const results = await flush(taken.map((p) => p.records));
        for (const [i, p] of taken.entries()) p.resolve(results[i] as InsertResult);
      } catch (error) {
        for (const p of taken) p.reject(error);
      }
    }
    running = null;
  }

  return {
    write(records: UsageRecord[]): Promise<InsertResult> {
      return new Promise<InsertResult>((resolve, reject) => {
        pending.push({ records, resolve, reject });
        running ??= drain();
      });
    },
    /** Resolves when every write queued so far is committed. */
    async idle(): Promise<void> {
      while (running) await running;
    },
  };
}
