import type { UsageRecord } from '../../domain/record.ts';
import type { PullWindow } from '../../sources/http/adapter.ts';
import type { AppContext } from '../context.ts';

/** What writing a window that is the whole truth for some ids did to the ledger. */
interface WindowWrite {
  inserted: number;
  replaced: number;
  /** Stored records of those ids in the window that the fetch no longer returned. */
  removed: number;
}

const BATCH = 5_000;

/**
 * Writes a window's records where the adapter says they are all there are for ids starting with
 * `prefixes` (a seat's days): stored ones of the source in the window with such an id that the fetch did
 * not return are removed, unchanged ones are left alone, the rest inserted or replaced. So a re-sync
 * writes nothing, and a fee or an end date that changed rewrites or removes exactly the days concerned.
 */
export async function writeWindow(
  ctx: AppContext,
  input: { org: string; source: string; window: PullWindow; records: UsageRecord[]; prefixes: string[] },
): Promise<WindowWrite> {
  const { org, window, prefixes } = input;
  const wanted = new Map(input.records.map((r) => [r.id, r]));
  const covered = (id: string) => prefixes.some((p) => id.startsWith(p));
  const stale: string[] = [];
  const same = new Set<string>();
  const filter = { org, from: window.from, to: window.to, dimensions: { source: [input.source] } };
  for await (const batch of ctx.usage.scanUsage(filter, BATCH)) {
    for (const old of batch) {
      const next = wanted.get(old.id);
      if (next) {
        if (sameRecord(old, next)) same.add(old.id);
      } else if (covered(old.id)) stale.push(old.id);
    }
  }
  const changed = input.records.filter((r) => !same.has(r.id));
  const result = changed.length ? await ctx.usage.replaceUsage(org, changed) : { inserted: 0, replaced: 0 };
  for (let i = 0; i < stale.length; i += BATCH) {
    await ctx.usage.voidUsage(org, stale.slice(i, i + BATCH), false);
  }
  return { ...result, removed: stale.length };
}

/** Whether a stored record already says what the fetch says now. */
function sameRecord(a: UsageRecord, b: UsageRecord): boolean {
  return (
    a.timestamp.getTime() === b.timestamp.getTime() &&
    a.endTimestamp?.getTime() === b.endTimestamp?.getTime() &&
    a.costMicros === b.costMicros &&
    a.currency === b.currency &&
    a.costKind === b.costKind &&
    a.provider === b.provider &&
    a.service === b.service &&
    a.model === b.model &&
    a.user === b.user &&
    a.team === b.team &&
    a.project === b.project &&
    a.requests === b.requests &&
    tagText(a.tags) === tagText(b.tags)
  );
}

// why: PostgreSQL's JSONB gives keys back in its own order.
const tagText = (tags: Record<string, string>) => JSON.stringify(Object.entries(tags).sort());
