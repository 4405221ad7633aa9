import type { UsageRecord } from '../domain/record.ts';
import type { InsertResult, Store } from './types.ts';

/** Where a sole writer (DuckDB) sees each usage write land: its running spend and calls in flight. */
export interface UsageWriteTap {
  /** Runs a usage write; `landed` runs in the same step as it completes (null: it failed). */
  write<T>(fn: () => Promise<T>, landed: (result: T | null) => void): Promise<T>;
  /** Records written (or not, for null) by an insert. */
  inserted(records: readonly UsageRecord[], result: InsertResult | null): void;
  /** Any other write to an org's usage. */
  forget(org: string): void;
  /** Releases a call's reservation at once. */
  settle(org: string, id: string): void;
}

/** Writes that change who may call the gateway or what it enforces. */
const CHANGES = [
  'insertToken',
  'revokeToken',
  'updateUser',
  'deleteUser',
  'putTeam',
  'deleteTeam',
  'putTeamMember',
  'deleteTeamMember',
  'putOrg',
  'putBudget',
  'deleteBudget',
] as const satisfies readonly (keyof Store)[];

/**
 * The store with the gateway's `recordCalls` and `gatewayChanges`. With a tap (DuckDB), every usage
 * write passes it, and a batch of calls' records lands and their reservations go in one step; without
 * (PostgreSQL, shared by instances), the engine's own `recordCalls` does that in one transaction, and
 * the detection mark is moved here as `withWriteMarks` does for any insert.
 */
export function withGatewayCalls(store: Store, tap: UsageWriteTap | null): Store {
  let changes = 0;
  const counted: Partial<Store> = {};
  for (const name of CHANGES) {
    const method = store[name] as (...args: unknown[]) => Promise<unknown>;
    Object.assign(counted, {
      [name]: async (...args: unknown[]) => {
        try {
          return await method(...args);
        } finally {
          changes++;
        }
      },
    });
  }
  const base: Store = { ...store, ...counted, gatewayChanges: () => changes };
  if (!tap) {
    return {
      ...base,
      async recordCalls(records, settle) {
        // why: a batch whose records were all refused names no org to run as; its reservations go one by one.
        if (records.length === 0) {
          await Promise.all(settle.map((s) => store.settleReservation(s.org, s.id)));
          return { inserted: 0, duplicates: 0 };
        }
        const result = await store.recordCalls(records, settle);
        for (const [org, earliest] of earliestByOrg(records)) await store.markWritten(org, earliest);
        return result;
      },
    };
  }
  const forgetting =
    <A extends unknown[], T>(org: (...args: A) => string, fn: (...args: A) => Promise<T>) =>
    (...args: A) =>
      tap.write(
        () => fn(...args),
        () => tap.forget(org(...args)),
      );
  return {
    ...base,
    insertUsage: (records) =>
      tap.write(
        () => store.insertUsage(records),
        (result) => tap.inserted(records, result),
      ),
    recordCalls: (records, settle) =>
      tap.write(
        () => store.insertUsage(records),
        (result) => {
          tap.inserted(records, result);
          for (const s of settle) tap.settle(s.org, s.id);
        },
      ),
    async bulkInsert(options) {
      const bulk = await store.bulkInsert(options);
      const orgs = new Set<string>();
      const forget = () => {
        for (const org of orgs) tap.forget(org);
      };
      return {
        add(records) {
          for (const r of records) orgs.add(r.org);
          return tap.write(() => bulk.add(records), forget);
        },
        finish: () => tap.write(() => bulk.finish(), forget),
      };
    },
    replaceUsage: forgetting((org) => org, store.replaceUsage),
    updateCosts: forgetting((org) => org, store.updateCosts),
    voidUsage: forgetting((org) => org, store.voidUsage),
    setContext: forgetting((org) => org, store.setContext),
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
