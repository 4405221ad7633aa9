import { atLeast, SEVERITIES, type Severity } from '../../analyze/severity.ts';
import { formatMicros } from '../../domain/money.ts';
import type { StoredAlert, StoredAnomaly } from '../../store/types.ts';
import { moneyDisplay } from '../reports/display.ts';
import { ANOMALY_EVENTS, ANOMALY_RECENT_MS, anomalyEvent, eventScope, scopeKey } from './anomalies.ts';
import type { AlertEvent } from './event.ts';
import type { IncidentView } from './incident-view.ts';

export interface IncidentSelection {
  incidents: readonly IncidentView[];
  /** Anomaly alerts raised at least within the cooldown before `now`, and those of the lookback. */
  recentAlerts: readonly StoredAlert[];
  minSeverity: Severity;
  cooldownMinutes: number;
  tz: string;
  now: Date;
}

/** Which scope an incident's alert is routed by: its team when it touched one, else the narrowest touched. */
const ROUTE_ORDER = ['team', 'project', 'user', 'model', 'provider', 'org'];

/**
 * The incidents to alert about now, one alert each: open, at or above `minSeverity`, with a member
 * detected within the last day, neither the incident nor any member alerted before, and at most one per
 * routing scope within the cooldown. Most severe first, then the most money.
 */
export function incidentEvents(input: IncidentSelection): AlertEvent[] {
  const since = input.now.getTime() - input.cooldownMinutes * 60_000;
  const alerted = new Set(input.recentAlerts.flatMap(alertedKeys));
  const cooling = new Set(
    input.recentAlerts
      .filter((a) => (ANOMALY_EVENTS as readonly string[]).includes(a.event) && a.createdAt.getTime() > since)
      .map((a) => scopeKey(a.scopeDimension, a.scopeValue)),
  );
  const events: AlertEvent[] = [];
  for (const incident of eligible(input)) {
    const keys = [incidentKey(incident.id), ...incident.members.map((m) => `anomaly:${m.id}`)];
    if (keys.some((k) => alerted.has(k))) continue;
    const lead = routedMember(incident);
    const s = eventScope(lead);
    const scope = scopeKey(s?.dimension ?? null, s?.value ?? null);
    if (cooling.has(scope)) continue;
    cooling.add(scope);
    events.push(incidentEvent(incident, lead, input.tz));
  }
  return events;
}

function incidentKey(id: string): string {
  return `incident:${id}`;
}

/** The keys an alert settled: its own, and the anomalies of the incident it carried. */
function alertedKeys(a: StoredAlert): string[] {
  const data = a.payload.data as { incident?: { anomalyIds?: unknown } } | undefined;
  const ids = data?.incident?.anomalyIds;
  const members = Array.isArray(ids) ? ids.filter((id) => typeof id === 'string') : [];
  return [a.dedupeKey, ...members.map((id) => `anomaly:${id}`)];
}

function eligible(input: IncidentSelection): IncidentView[] {
  const fresh = input.now.getTime() - ANOMALY_RECENT_MS;
  return input.incidents
    .filter(
      (i) =>
        i.status === 'open' &&
        // why: history brought by a backfill or import is listed, never sent.
        !i.members.every((m) => m.historical) &&
        atLeast(i.severity, input.minSeverity) &&
        // why: a member found in backfilled or imported history (`historical`) is old news: listed, never sent.
        i.members.some(
          (m) =>
            !m.historical && m.createdAt.getTime() >= fresh && m.createdAt.getTime() <= input.now.getTime(),
        ),
    )
    .sort(
      (a, b) =>
        SEVERITIES.indexOf(b.severity) - SEVERITIES.indexOf(a.severity) || b.excessMicros - a.excessMicros,
    );
}

function routedMember(incident: IncidentView): StoredAnomaly {
  const rank = (a: StoredAnomaly) => ROUTE_ORDER.indexOf(a.scopeDimension) + (a.status === 'open' ? 0 : 10);
  return [...incident.members].sort((a, b) => rank(a) - rank(b))[0]!;
}

/**
 * One alert for the incident, built on its routing member's (so the anomaly fields receivers read stay)
 * with the root cause, the scopes touched and the money at stake added.
 */
function incidentEvent(incident: IncidentView, lead: StoredAnomaly, tz: string): AlertEvent {
  const base = anomalyEvent(lead, tz);
  const m = (micros: number) => moneyDisplay(formatMicros(micros), incident.currency);
  const scopes = incident.scopes.map((s) =>
    s.dimension === 'org' ? 'org' : `${s.dimension} ${s.value ?? '(none)'}`,
  );
  const others = incident.members.length - 1;
  const when = base.facts.find((f) => f.label === 'Period')?.value ?? '';
  return {
    ...base,
    kind: incident.kind === 'intraday' ? 'intraday_spike' : 'anomaly_detected',
    dedupeKey: incidentKey(incident.id),
    severity: incident.severity,
    title:
      others === 0
        ? base.title
        : `Unusual spend from ${incident.rootCauseText}: ${m(incident.excessMicros)} above expected on ${when}, seen in ${incident.scopes.length} scopes`,
    text: `${lead.description}${others > 0 ? ` The same event shows in ${others} more scope${others === 1 ? '' : 's'}: ${scopes.join(', ')}.` : ''}`,
    facts: [
      { label: 'Root cause', value: incident.rootCauseText },
      {
        label: 'Money at stake',
        value: `${m(incident.excessMicros)} above the expected ${m(incident.expectedMicros)}`,
      },
      { label: 'Scopes touched', value: scopes.join(', ') },
      ...base.facts,
    ],
    link: `/anomalies?incident=${encodeURIComponent(incident.id)}`,
    data: {
      ...base.data,
      incident: {
        id: incident.id,
        rootCause: incident.rootCause.map((f) => ({
          dimension: f.dimension,
          value: f.value,
          excess: formatMicros(f.excessMicros),
        })),
        rootCauseText: incident.rootCauseText,
        scopes: incident.scopes,
        severity: incident.severity,
        periodStart: incident.periodStart.toISOString(),
        periodEnd: incident.periodEnd.toISOString(),
        actual: formatMicros(incident.actualMicros),
        expected: formatMicros(incident.expectedMicros),
        excess: formatMicros(incident.excessMicros),
        anomalyIds: incident.memberIds,
      },
    },
  };
}
