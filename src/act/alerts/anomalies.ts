import { localDay } from '../../analyze/calendar.ts';
import type { Severity } from '../../analyze/severity.ts';
import { formatMicros } from '../../domain/money.ts';
import { DAY_MS } from '../../lib/time.ts';
import type { StoredAnomaly } from '../../store/types.ts';
import { moneyDisplay } from '../reports/display.ts';
import type { AlertEvent } from './event.ts';

/** Events anomalies raise; the alerts of these kinds count for the cooldown. */
export const ANOMALY_EVENTS = ['anomaly_detected', 'intraday_spike'] as const;

/** An anomaly detected longer ago than this is no news: a first run does not replay the backlog. */
export const ANOMALY_RECENT_MS = DAY_MS;

/** One anomaly as an alert: what incident alerts are built on (src/act/alerts/incidents.ts). */
export function anomalyEvent(a: StoredAnomaly, tz: string): AlertEvent {
  const m = (micros: number) => moneyDisplay(formatMicros(micros), a.currency);
  const scope = eventScope(a);
  const who = scope ? `${scope.dimension} "${scope.value}"` : 'the org';
  const first = localDay(a.periodStart, tz);
  const last = localDay(new Date(a.periodEnd.getTime() - 1), tz);
  const when = first === last ? first : `${first} to ${last}`;
  const intraday = a.kind === 'intraday';
  return {
    kind: intraday ? 'intraday_spike' : 'anomaly_detected',
    dedupeKey: `anomaly:${a.id}`,
    severity: a.severity as Severity,
    scope,
    title: intraday
      ? `Spend spike for ${who}: ${m(a.actualMicros)} so far on ${first}, expected ${m(a.expectedMicros)}`
      : `Unusual spend for ${who}: ${m(a.actualMicros)} on ${when}, expected ${m(a.expectedMicros)}`,
    text: a.description,
    facts: [
      { label: 'Scope', value: who },
      { label: 'Period', value: when },
      { label: 'Actual', value: m(a.actualMicros) },
      {
        label: 'Expected',
        value: `${m(a.expectedMicros)} (usual range ${m(a.lowerMicros)} – ${m(a.upperMicros)})`,
      },
      { label: 'Severity', value: a.severity },
    ],
    link: `/anomalies?anomaly=${encodeURIComponent(a.id)}`,
    data: {
      anomalyId: a.id,
      kind: a.kind,
      currency: a.currency,
      periodStart: a.periodStart.toISOString(),
      periodEnd: a.periodEnd.toISOString(),
      sustained: a.sustained,
      drivers: a.drivers,
    },
  };
}

/** Null for the whole org, as alert events and routing have it; an unset value reads "(none)". */
export function eventScope(a: StoredAnomaly): AlertEvent['scope'] {
  return a.scopeDimension === 'org' ? null : { dimension: a.scopeDimension, value: a.scopeValue ?? '(none)' };
}

export function scopeKey(dimension: string | null, value: string | null): string {
  return dimension === null ? 'org' : `${dimension}\u0000${value ?? ''}`;
}
