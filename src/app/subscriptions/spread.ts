import type { UsageRecord } from '../../domain/record.ts';
import { SUBSCRIPTION_SOURCE } from '../../domain/subscriptions.ts';
import type { AppContext } from '../context.ts';
import { listSubscriptions } from './manage.ts';
import { chargeOf, readDirectory, seatRecords } from './records.ts';

/** What one spread changed in the ledger. */
export interface SpreadResult {
  /** Day records written: new days, or days whose amount, person or plan changed. */
  written: number;
  /** Day records removed: days no subscription covers any more (removed, shortened, started later). */
  removed: number;
}

const BATCH = 5_000;

/**
 * Brings the org's seat records in the ledger in line with its subscriptions, through the UTC day of
 * `at`: each subscription's days as records of source "subscriptions", service "seat". Idempotent: a
 * second run writes nothing; a changed subscription rewrites exactly the days that differ, and days
 * no subscription covers any longer are voided. With `only`, just that subscription's days (one that
 * was added, changed or removed).
 */
export async function spreadSubscriptions(
  ctx: AppContext,
  org: string,
  at: Date,
  only?: string,
): Promise<SpreadResult> {
  const through = at.toISOString().slice(0, 10);
  const [all, directory] = await Promise.all([listSubscriptions(ctx, org), readDirectory(ctx, org)]);
  const subscriptions = only === undefined ? all : all.filter((s) => s.row.id === only);
  const wanted = new Map<string, UsageRecord>();
  for (const s of subscriptions) {
    for (const r of seatRecords(ctx, org, chargeOf(ctx, s.settings, directory), through)) wanted.set(r.id, r);
  }
  const stale: string[] = [];
  const same = new Set<string>();
  const filter = {
    org,
    dimensions: { source: [SUBSCRIPTION_SOURCE] },
    ...(only === undefined ? {} : { tags: { subscription: [only] } }),
  };
  for await (const batch of ctx.usage.scanUsage(filter, BATCH)) {
    for (const old of batch) {
      const next = wanted.get(old.id);
      if (!next) stale.push(old.id);
      else if (sameCharge(old, next)) same.add(old.id);
    }
  }
  const changed = [...wanted.values()].filter((r) => !same.has(r.id));
  for (let i = 0; i < changed.length; i += BATCH) {
    await ctx.usage.replaceUsage(org, changed.slice(i, i + BATCH));
  }
  for (let i = 0; i < stale.length; i += BATCH) {
    await ctx.usage.voidUsage(org, stale.slice(i, i + BATCH), false);
  }
  return { written: changed.length, removed: stale.length };
}

/** Whether a stored day record already says what the subscription says now. */
function sameCharge(a: UsageRecord, b: UsageRecord): boolean {
  return (
    a.costMicros === b.costMicros &&
    a.currency === b.currency &&
    a.user === b.user &&
    a.team === b.team &&
    a.provider === b.provider &&
    a.model === b.model &&
    tagText(a.tags) === tagText(b.tags)
  );
}

// why: PostgreSQL's JSONB gives keys back in its own order.
const tagText = (tags: Record<string, string>) => JSON.stringify(Object.entries(tags).sort());
