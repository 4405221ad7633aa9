import type { UsageRecord } from '../domain/record.ts';

/** A notebook run, a CI job: usage of `user` within [start, end] belongs to `context`. */
export interface Activity {
  id: string;
  user: string;
  context: string;
  start: Date;
  end: Date;
}

/** Activities by user, each list sorted by start, for the join at ingest. */
export interface ActivityIndex {
  byUser: Map<string, Activity[]>;
  toleranceMs: number;
}

export function createActivityIndex(activities: Activity[], toleranceMs: number): ActivityIndex {
  const byUser = new Map<string, Activity[]>();
  for (const a of activities) byUser.set(a.user, [...(byUser.get(a.user) ?? []), a]);
  for (const list of byUser.values()) list.sort((a, b) => a.start.getTime() - b.start.getTime());
  return { byUser, toleranceMs };
}

/**
 * The activity a moment of a user's usage belongs to: the window (widened by the tolerance on both
 * sides) that holds it; of several, the one that started last, the innermost run.
 */
export function findActivity(index: ActivityIndex, user: string, at: Date): Activity | null {
  const t = at.getTime();
  let found: Activity | null = null;
  for (const a of index.byUser.get(user) ?? []) {
    if (a.start.getTime() - index.toleranceMs > t) break;
    if (t < a.end.getTime() + index.toleranceMs) found = a;
  }
  return found;
}

/** Gives a record without a context the context of its user's activity at that time, if any. */
export function joinActivity(record: UsageRecord, index: ActivityIndex): UsageRecord {
  if (record.context !== null || record.user === null) return record;
  const activity = findActivity(index, record.user, record.timestamp);
  return activity ? { ...record, context: activity.context } : record;
}

/** The span of records an activity claims after the fact: its window widened by the tolerance. */
export function activitySpan(a: Activity, toleranceMs: number): { from: Date; to: Date } {
  return { from: new Date(a.start.getTime() - toleranceMs), to: new Date(a.end.getTime() + toleranceMs) };
}
