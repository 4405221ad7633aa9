import { describe, expect, it } from 'vitest';
import { incidentsFromAnomalies } from '../../src/act/alerts/incident-view.ts';
import { incidentEvents } from '../../src/act/alerts/incidents.ts';
import type { StoredAlert, StoredAnomaly } from '../../src/store/types.ts';

const now = new Date('2026-11-21T09:00:00Z');
const runaway = [
  { dimension: 'user', value: 'dev', delta: '380.000000' },
  { dimension: 'model', value: 'gpt-4o', delta: '378.000000' },
  { dimension: 'project', value: 'ranker', delta: '379.000000' },
];

function anomaly(id: string, dimension: string, value: string | null, over: Partial<StoredAnomaly> = {}) {
  const a: StoredAnomaly = {
    org: 'default',
    id,
    kind: 'daily',
    scopeDimension: dimension,
    scopeValue: value,
    periodStart: new Date('2026-11-20T00:00:00Z'),
    periodEnd: new Date('2026-11-21T00:00:00Z'),
    currency: 'USD',
    actualMicros: 400_000_000,
    expectedMicros: 20_000_000,
    lowerMicros: 10_000_000,
    upperMicros: 30_000_000,
    severity: 'high',
    sustained: false,
    drivers: runaway.filter((d) => d.dimension !== dimension),
    description: `${dimension} spent $400.00`,
    status: 'open',
    mutedUntil: null,
    statusAt: null,
    statusBy: null,
    createdAt: new Date('2026-11-21T08:55:00Z'),
    updatedAt: new Date('2026-11-21T08:55:00Z'),
    historical: false,
    ...over,
  };
  return a;
}

const six = () => [
  anomaly('an_org', 'org', null, { createdAt: new Date('2026-11-21T08:50:00Z') }),
  anomaly('an_team', 'team', 'ml'),
  anomaly('an_project', 'project', 'ranker'),
  anomaly('an_user', 'user', 'dev'),
  anomaly('an_model', 'model', 'gpt-4o'),
  anomaly('an_provider', 'provider', 'openai'),
];

const select = (anomalies: StoredAnomaly[], recentAlerts: StoredAlert[] = []) =>
  incidentEvents({
    incidents: incidentsFromAnomalies(anomalies),
    recentAlerts,
    minSeverity: 'medium',
    cooldownMinutes: 360,
    tz: 'UTC',
    now,
  });

describe('incidentEvents', () => {
  it('alerts one runaway job seen in six scopes once, routed by its team, carrying the incident', () => {
    const events = select(six());
    expect(events).toHaveLength(1);
    const [e] = events;
    expect(e).toMatchObject({
      kind: 'anomaly_detected',
      dedupeKey: 'incident:in_org',
      scope: { dimension: 'team', value: 'ml' },
      link: '/anomalies?incident=in_org',
    });
    expect(e!.facts[0]).toEqual({ label: 'Root cause', value: 'user dev on gpt-4o in project ranker' });
    const incident = e!.data!.incident as { anomalyIds: string[]; excess: string };
    expect(incident.anomalyIds).toHaveLength(6);
    expect(incident.excess).toBe('380.000000');
    expect(e!.data!.anomalyId).toBe('an_team');
  });

  it('does not alert again when a member was alerted, by the incident or before incidents', () => {
    const [e] = select(six());
    const stored = (key: string, payload: Record<string, unknown> = {}): StoredAlert => ({
      org: 'default',
      id: 'al',
      dedupeKey: key,
      event: 'anomaly_detected',
      severity: 'high',
      scopeDimension: 'team',
      scopeValue: 'other',
      budgetId: null,
      title: '',
      payload,
      deliveries: [],
      createdAt: new Date('2026-11-20T09:00:00Z'),
    });
    // a later member joins: the incident's id and its members' alert both hold it back
    const grown = [...six(), anomaly('an_ctx', 'project', 'ranker-2', { drivers: runaway })];
    expect(select(grown, [stored('incident:other', { data: e!.data })])).toEqual([]);
    expect(select(six(), [stored('anomaly:an_user')])).toEqual([]);
  });

  it('lists but never sends an incident found in imported history, or one that is acknowledged', () => {
    expect(select(six().map((a) => ({ ...a, historical: true })))).toEqual([]);
    expect(select(six().map((a) => ({ ...a, status: 'acknowledged' as const })))).toEqual([]);
  });
});
