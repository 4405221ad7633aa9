import { ALERT_EVENTS, type AlertEventKind, type ChannelSettings } from '../../config/alerting.ts';
import type { AlertEvent, AlertSeverity } from './event.ts';

/** What a channel receives when it names no events: every event but the test message (sent directly). */
const DEFAULT_EVENTS: readonly AlertEventKind[] = ALERT_EVENTS.filter((e) => e !== 'test');

const RANK: Record<AlertSeverity, number> = { info: 0, low: 1, medium: 2, high: 3, critical: 4 };

/** Events whose severity a channel's `minSeverity` filters. */
const ANOMALY_EVENTS: readonly AlertEventKind[] = ['anomaly_detected', 'intraday_spike'];

type Routable = Pick<ChannelSettings, 'enabled' | 'events' | 'scope' | 'minSeverity'>;

/**
 * Whether a channel gets an event: it is enabled; it takes the event's kind (default: all); its scope,
 * when it has one, is the event's scope or one of its `routeAlso` (an org-wide event reaches only
 * unscoped channels); and an anomaly is at least the channel's minimum severity.
 */
export function receives(
  channel: Routable,
  event: Pick<AlertEvent, 'kind' | 'severity' | 'scope' | 'routeAlso'>,
): boolean {
  if (!channel.enabled) return false;
  if (!(channel.events ?? DEFAULT_EVENTS).includes(event.kind)) return false;
  if (channel.scope) {
    const c = channel.scope;
    const scopes = [event.scope, ...(event.routeAlso ?? [])];
    if (!scopes.some((s) => s && s.dimension === c.dimension && s.value === c.value)) return false;
  }
  return !ANOMALY_EVENTS.includes(event.kind) || RANK[event.severity] >= RANK[channel.minSeverity];
}

/** The channels an event goes to, in their order. */
export function routeEvent<T extends { settings: Routable }>(
  event: Pick<AlertEvent, 'kind' | 'severity' | 'scope' | 'routeAlso'>,
  channels: readonly T[],
): T[] {
  return channels.filter((c) => receives(c.settings, event));
}
