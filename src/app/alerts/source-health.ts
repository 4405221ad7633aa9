import { sourceFailingEvent, sourceRecoveredEvent } from '../../act/alerts/source-events.ts';
import type { AppContext } from '../context.ts';
import { readState, writeState } from '../sources/state.ts';
import type { SyncOutcome } from '../sources/sync.ts';
import { raiseAlert } from './raise.ts';

/**
 * After a sync: the first failure of a streak raises `source_failing` (keyed by when the streak began,
 * so a streak alerts once, across restarts), and the first success after it `source_recovered`.
 */
export async function noteSourceHealth(ctx: AppContext, org: string, outcome: SyncOutcome): Promise<void> {
  const state = await readState(ctx.sources, org, outcome.sourceId);
  const since = state.failingSince;
  if (!outcome.ok) {
    const start = since ?? ctx.now().toISOString();
    if (!since)
      await writeState(ctx.sources, org, outcome.sourceId, { ...state, failingSince: start }, ctx.now());
    const error = outcome.error ?? `source "${outcome.sourceId}" failed`;
    await raiseAlert(ctx, sourceFailingEvent({ sourceId: outcome.sourceId, since: start, error }), { org });
  } else if (since) {
    await writeState(ctx.sources, org, outcome.sourceId, { ...state, failingSince: null }, ctx.now());
    await raiseAlert(ctx, sourceRecoveredEvent({ sourceId: outcome.sourceId, since, now: ctx.now() }), {
      org,
    });
  }
}
