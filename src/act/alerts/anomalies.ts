import { localDay } from '../../analyze/calendar.ts';
import { atLeast, SEVERITIES, type Severity } from '../../analyze/severity.ts';
import { formatMicros } from '../../domain/money.ts';
import { DAY_MS } from '../../lib/time.ts';
import type { StoredAlert, StoredAnomaly } from '../../store/types.ts';
import { moneyDisplay } from '../reports/display.ts';
import type { AlertEvent } from './event.ts';

/** Events anomalies raise; the alerts of these kinds count for the cooldown. */
export const ANOMALY_EVENTS = ['anomaly_detected', 'intraday_spike'] as const;

/** An anomaly detected longer ago than this is no news: a first run does not replay the backlog. */
export const ANOMALY_RECENT_MS = DAY_MS;

export interface AnomalySelection {
  /** Stored anomalies, any order. */
  anomalies: readonly StoredAnomaly[];
  /** Anomaly alerts raised at least within the cooldown before `now`. */
  recentAlerts: readonly StoredAlert[];
  minSeverity: Severity;
  cooldownMinutes: number;
  /** The reporting timezone, for the days in titles. */
  tz: string;
  now: Date;
}

/**
 * The anomalies to alert about now: open, at or above `minSeverity`, detected within the last day, not
 * yet alerted (one alert per anomaly id), and at most one per scope within the cooldown, counting the
 * alerts raised before and those chosen in this pass. Most severe first, then newest. An anomaly held
 * back by the cooldown is not dropped: if it is still open and recent when the cooldown ends, it alerts.
 */
export function anomalyEvents(input: AnomalySelection): AlertEvent[] {
  const since = input.now.getTime() - input.cooldownMinutes * 60_000;
  const alerted = new Set(input.recentAlerts.map((a) => a.dedupeKey));
  const cooling = new Set(
    input.recentAlerts
      .filter((a) => (ANOMALY_EVENTS as readonly string[]).includes(a.event) && a.createdAt.getTime() > since)
      .map((a) => scopeKey(a.scopeDimension, a.scopeValue)),
  );
  const events: AlertEvent[] = [];
  for (const a of eligible(input)) {
    const s = eventScope(a);
    const scope = scopeKey(s?.dimension ?? null, s?.value ?? null);
    if (alerted.has(anomalyKey(a.id)) || cooling.has(scope)) continue;
    cooling.add(scope);
    events.push(anomalyEvent(a, input.tz));
  }
  return events;
}

function anomalyKey(id: string): string {
  return `anomaly:${id}`;
}

function eligible(input: AnomalySelection): StoredAnomaly[] {
  const fresh = input.now.getTime() - ANOMALY_RECENT_MS;
  return input.anomalies
    .filter(
      (a) =>
        a.status === 'open' &&
        // why: an anomaly found in backfilled or imported history is old news: listed, never sent (issue 15).
        !a.historical &&
        isSeverity(a.severity) &&
        atLeast(a.severity, input.minSeverity) &&
        a.createdAt.getTime() >= fresh &&
        a.createdAt.getTime() <= input.now.getTime(),
    )
    .sort(
      (a, b) =>
        SEVERITIES.indexOf(b.severity as Severity) - SEVERITIES.indexOf(a.severity as Severity) ||
        b.createdAt.getTime() - a.createdAt.getTime(),
    );
}

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
    dedupeKey: anomalyKey(a.id),
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

function isSeverity(value: string): value is Severity {
  return (SEVERITIES as readonly string[]).includes(value);
}

export function scopeKey(dimension: string | null, value: string | null): string {
  return dimension === null ? 'org' : `${dimension}\u0000${value ?? ''}`;
}
