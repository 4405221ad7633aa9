import { correlate, type Incident, type IncidentMember } from '../../analyze/incidents.ts';
import { SEVERITIES, type Severity } from '../../analyze/severity.ts';
import { parseMicros } from '../../domain/money.ts';
import type { AnomalyStatus, StoredAnomaly } from '../../store/types.ts';

/** An incident with its stored member anomalies: open while any member is, muted when all are. */
export interface IncidentView extends Incident {
  currency: string;
  status: AnomalyStatus;
  members: StoredAnomaly[];
}

/** Stored anomalies grouped into incidents, one currency at a time (amounts never mix currencies). */
export function incidentsFromAnomalies(anomalies: readonly StoredAnomaly[]): IncidentView[] {
  const byCurrency = new Map<string, StoredAnomaly[]>();
  for (const a of anomalies) byCurrency.set(a.currency, [...(byCurrency.get(a.currency) ?? []), a]);
  const views: IncidentView[] = [];
  for (const [currency, group] of byCurrency) {
    const byId = new Map(group.map((a) => [a.id, a]));
    for (const incident of correlate(group.map(toMember))) {
      const members = incident.memberIds.map((id) => byId.get(id)!);
      views.push({ ...incident, currency, status: statusOf(members), members });
    }
  }
  return views;
}

function statusOf(members: StoredAnomaly[]): AnomalyStatus {
  if (members.some((m) => m.status === 'open')) return 'open';
  return members.every((m) => m.status === 'muted') ? 'muted' : 'acknowledged';
}

function toMember(a: StoredAnomaly): IncidentMember {
  return {
    id: a.id,
    kind: a.kind,
    scope: { dimension: a.scopeDimension, value: a.scopeValue },
    periodStart: a.periodStart,
    periodEnd: a.periodEnd,
    actualMicros: a.actualMicros,
    expectedMicros: a.expectedMicros,
    severity: (SEVERITIES as readonly string[]).includes(a.severity) ? (a.severity as Severity) : 'low',
    drivers: a.drivers.flatMap((d) => {
      const delta = typeof d.delta === 'string' || typeof d.delta === 'number' ? d.delta : null;
      if (typeof d.dimension !== 'string' || delta === null) return [];
      const value = typeof d.value === 'string' ? d.value : null;
      return [{ dimension: d.dimension, value, deltaMicros: parseMicros(delta) }];
    }),
    detectedAt: a.createdAt,
  };
}
