import { jsonDocument } from '../engine.ts';
import type { AnomalyStatus, StoredAnomaly } from '../types-anomalies.ts';

/** The one place an `anomalies` row becomes a `StoredAnomaly`, for both engines (JSON as text or parsed). */
export function anomalyFromRow(r: Record<string, unknown>): StoredAnomaly {
  const date = (v: unknown) => (v === null || v === undefined ? null : (v as Date));
  return {
    org: String(r.org),
    id: String(r.id),
    kind: String(r.kind),
    scopeDimension: String(r.scope_dimension),
    scopeValue: (r.scope_value as string | null) ?? null,
    periodStart: r.period_start as Date,
    periodEnd: r.period_end as Date,
    currency: String(r.currency),
    actualMicros: Number(r.actual_micros),
    expectedMicros: Number(r.expected_micros),
    lowerMicros: Number(r.lower_micros),
    upperMicros: Number(r.upper_micros),
    severity: String(r.severity),
    sustained: r.sustained === true,
    drivers: jsonDocument(r.drivers),
    description: String(r.description),
    status: String(r.status) as AnomalyStatus,
    mutedUntil: date(r.muted_until),
    statusAt: date(r.status_at),
    statusBy: (r.status_by as string | null) ?? null,
    createdAt: r.created_at as Date,
    updatedAt: r.updated_at as Date,
    historical: r.historical === true,
  };
}
