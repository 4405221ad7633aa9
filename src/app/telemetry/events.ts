import type { EventUsage } from '../../sources/otlp/events.ts';
import type { AppContext } from '../context.ts';
import { ingestUsage } from '../ingest.ts';
import { voidUsage } from '../void-usage.ts';
import { allRecords, type CallScope, overlapFilter, within } from './overlap.ts';

export interface EventsResult {
  accepted: number;
  duplicates: number;
  /** Why each refused record was refused, naming the OTel attribute. */
  rejected: string[];
  /** Metric records voided because these events describe the same calls. */
  superseded: number;
}

/**
 * Books coding-assistant usage events. Events are the per-call truth: metric records booked earlier for
 * the same session and model (the metric arrived first) are voided, with an audit entry, so the calls
 * count once whichever signal arrived first.
 */
export async function ingestTelemetryEvents(
  ctx: AppContext,
  input: { org: string; events: EventUsage[] },
): Promise<EventsResult> {
  const { events, org } = input;
  const result = await ingestUsage(ctx, { org, source: 'otlp', items: events.map((e) => e.item) });
  const rejected = result.rejected.map((r) => {
    const event = events[r.index];
    const what = `${event?.agent ?? 'event'} event ${event?.item.id ?? r.index}`;
    const names = event?.names ?? {};
    return `${what}: ${r.errors.map((e) => `${names[e.path] ?? e.path}: ${e.message}`).join('; ')}`;
  });
  const refused = new Set(result.rejected.map((r) => r.index));
  const scopes = events.filter((_, i) => !refused.has(i)).map(scopeOf);
  const superseded = await voidMetricsFor(ctx, org, scopes);
  return { accepted: result.accepted, duplicates: result.duplicates, rejected, superseded };
}

/** Voids metric records about the same calls as the given events. */
export async function voidMetricsFor(ctx: AppContext, org: string, scopes: CallScope[]): Promise<number> {
  const seen = new Set<string>();
  const ids = new Set<string>();
  for (const scope of scopes) {
    const key = [
      scope.agent,
      scope.model,
      scope.session ?? `user:${scope.user}:${scope.from.toISOString()}`,
    ].join('\u0000');
    if (seen.has(key)) continue;
    seen.add(key);
    const filter = overlapFilter(org, scope, 'metric');
    if (!filter) continue;
    for (const record of await allRecords(ctx, filter)) {
      if (scope.session || within(record, scope)) ids.add(record.id);
    }
  }
  if (ids.size === 0) return 0;
  const voided = await voidUsage(ctx, {
    org,
    ids: [...ids],
    dryRun: false,
    reason: 'coding-assistant metrics superseded by the usage events of the same calls',
    actor: 'otlp',
  });
  return voided.voided;
}

function scopeOf(event: EventUsage): CallScope {
  const at = new Date(event.item.timestamp);
  return {
    agent: event.agent,
    model: event.item.model,
    session: event.item.tags?.session ?? null,
    user: event.item.user ?? null,
    from: at,
    to: at,
  };
}
