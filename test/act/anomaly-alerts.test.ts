import { describe, expect, it } from 'vitest';
import { incidentsFromAnomalies } from '../../src/act/alerts/incident-view.ts';
import { type IncidentSelection, incidentEvents } from '../../src/act/alerts/incidents.ts';
import type { StoredAlert, StoredAnomaly } from '../../src/store/types.ts';

const now = new Date('2026-11-10T12:00:00Z');
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);

function anomaly(overrides: Partial<StoredAnomaly> = {}): StoredAnomaly {
  return {
    org: 'default',
    id: 'an_1',
    kind: 'daily',
    scopeDimension: 'team',
    scopeValue: 'ml',
    periodStart: new Date('2026-11-09T00:00:00Z'),
    periodEnd: new Date('2026-11-10T00:00:00Z'),
    currency: 'USD',
    actualMicros: 412_500_000,
    expectedMicros: 120_000_000,
    lowerMicros: 90_000_000,
    upperMicros: 150_000_000,
    severity: 'high',
    sustained: false,
    drivers: [],
    description: 'Team ml spent $412.50 on Monday, 3.4× the usual $120.00.',
    status: 'open',
    mutedUntil: null,
    statusAt: null,
    statusBy: null,
    createdAt: minutesAgo(30),
    updatedAt: minutesAgo(30),
    historical: false,
    ...overrides,
  };
}

function alert(overrides: Partial<StoredAlert> = {}): StoredAlert {
  return {
    org: 'default',
    id: 'al-1',
    dedupeKey: 'anomaly:old',
    event: 'anomaly_detected',
    severity: 'high',
    scopeDimension: 'team',
    scopeValue: 'ml',
    budgetId: null,
    title: '',
    payload: {},
    deliveries: [],
    createdAt: minutesAgo(60),
    ...overrides,
  };
}

/** The alert job's choice: anomalies grouped into incidents, each alerting once. */
const select = ({ anomalies = [], ...input }: Partial<IncidentSelection> & { anomalies?: StoredAnomaly[] }) =>
  incidentEvents({
    incidents: incidentsFromAnomalies(anomalies),
    recentAlerts: [],
    minSeverity: 'medium',
    cooldownMinutes: 360,
    tz: 'UTC',
    now,
    ...input,
  });

describe('anomaly alerts, one per incident', () => {
  it('turns a lone open anomaly at or above the severity into one event keyed by its incident', () => {
    const [event, ...rest] = select({ anomalies: [anomaly()] });
    expect(rest).toEqual([]);
    expect(event).toMatchObject({
      kind: 'anomaly_detected',
      dedupeKey: 'incident:in_1',
      severity: 'high',
      scope: { dimension: 'team', value: 'ml' },
      title: 'Unusual spend for team "ml": $412.50 on 2026-11-09, expected $120.00',
      text: 'Team ml spent $412.50 on Monday, 3.4× the usual $120.00.',
      link: '/anomalies?incident=in_1',
    });
    expect(event?.facts).toContainEqual({
      label: 'Expected',
      value: '$120.00 (usual range $90.00 – $150.00)',
    });
  });

  it('calls an intraday anomaly a spike, and an org anomaly has no scope', () => {
    const [event] = select({
      anomalies: [anomaly({ kind: 'intraday', scopeDimension: 'org', scopeValue: null })],
    });
    expect(event).toMatchObject({ kind: 'intraday_spike', scope: null });
    expect(event?.title).toBe('Spend spike for the org: $412.50 so far on 2026-11-09, expected $120.00');
  });

  it('skips anomalies below the severity, not open, already alerted or more than a day old', () => {
    const events = select({
      anomalies: [
        anomaly({ id: 'low', severity: 'low', scopeValue: 'a' }),
        anomaly({ id: 'ack', status: 'acknowledged', scopeValue: 'b' }),
        anomaly({ id: 'muted', status: 'muted', scopeValue: 'c' }),
        anomaly({ id: 'done', scopeValue: 'd' }),
        anomaly({ id: 'stale', createdAt: minutesAgo(25 * 60), scopeValue: 'e' }),
        anomaly({ id: 'ok', severity: 'medium', scopeValue: 'f' }),
      ],
      recentAlerts: [alert({ dedupeKey: 'anomaly:done', scopeValue: 'd', createdAt: minutesAgo(2000) })],
    });
    expect(events.map((e) => e.dedupeKey)).toEqual(['incident:ok']);
  });

  it('holds a scope to one anomaly alert per cooldown, the most severe first', () => {
    // why: two anomalies of team ml on the same day are one incident, as severe as its worst member.
    const anomalies = [
      anomaly({ id: 'medium', severity: 'medium' }),
      anomaly({ id: 'critical', severity: 'critical' }),
      anomaly({ id: 'other-team', scopeValue: 'web' }),
    ];
    expect(select({ anomalies }).map((e) => [e.dedupeKey, e.severity])).toEqual([
      ['incident:critical', 'critical'],
      ['incident:other-team', 'high'],
    ]);
    // an alert for team ml an hour ago: ml waits, web does not
    const cooling = select({ anomalies, recentAlerts: [alert({ createdAt: minutesAgo(60) })] });
    expect(cooling.map((e) => e.dedupeKey)).toEqual(['incident:other-team']);
    // once the cooldown is over, the held-back anomaly alerts
    const over = select({ anomalies, recentAlerts: [alert({ createdAt: minutesAgo(361) })] });
    expect(over.map((e) => e.dedupeKey)).toEqual(['incident:critical', 'incident:other-team']);
    // budget alerts do not count for the anomaly cooldown
    const budget = select({ anomalies, recentAlerts: [alert({ event: 'threshold_crossed' })] });
    expect(budget).toHaveLength(2);
  });
});
