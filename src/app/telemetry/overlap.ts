import type { UsageRecord } from '../../domain/record.ts';
import type { UsageFilter } from '../../store/types.ts';
import type { AppContext } from '../context.ts';

/** Whose calls a record describes: an assistant's session (or, without one, a user) and a model. */
export interface CallScope {
  agent: string;
  model: string;
  session: string | null;
  user: string | null;
  /** The instants the calls fall in; only used when there is no session to match on. */
  from: Date;
  to: Date;
}

// why: without a session id, events and metric intervals are matched by user and time; an event and the
// metric increment for the same call can fall a moment apart, on either side of an interval's edge.
const SLACK_MS = 60_000;

/**
 * The ledger filter for one signal's records about the same calls: the same agent, model and session,
 * or without a session the same user within the time range (widened by a minute each side). Null when
 * there is nothing to match on (no session, no user).
 */
export function overlapFilter(org: string, scope: CallScope, signal: 'event' | 'metric'): UsageFilter | null {
  const tags: Record<string, string[]> = { agent: [scope.agent], signal: [signal] };
  if (scope.session) {
    return { org, tags: { ...tags, session: [scope.session] }, dimensions: { model: [scope.model] } };
  }
  if (!scope.user) return null;
  return {
    org,
    tags,
    dimensions: { model: [scope.model], user: [scope.user] },
    from: new Date(scope.from.getTime() - SLACK_MS - 3_600_000),
    to: new Date(scope.to.getTime() + SLACK_MS),
  };
}

/** True when the ledger holds an event record for the scope's calls. */
export async function eventsCover(ctx: AppContext, org: string, scope: CallScope): Promise<boolean> {
  const filter = overlapFilter(org, scope, 'event');
  if (!filter) return false;
  const page = await ctx.usage.listUsage({ ...filter, limit: 50 });
  return page.records.some((r) => scope.session || within(r, scope));
}

/** Every record of a filter, page by page. */
export async function allRecords(ctx: AppContext, filter: UsageFilter): Promise<UsageRecord[]> {
  const out: UsageRecord[] = [];
  let cursor: string | null = null;
  do {
    const page = await ctx.usage.listUsage({ ...filter, limit: 1000, cursor });
    out.push(...page.records);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

/** True when a record's instant or interval touches the scope's range, give or take the slack. */
export function within(record: UsageRecord, scope: CallScope): boolean {
  const start = record.timestamp.getTime();
  const end = (record.endTimestamp ?? record.timestamp).getTime();
  return start <= scope.to.getTime() + SLACK_MS && end >= scope.from.getTime() - SLACK_MS;
}
