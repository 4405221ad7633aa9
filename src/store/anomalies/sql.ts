import { Params } from '../sql/params.ts';
import type { AnomalyQuery, AnomalyStatusChange, StoredAnomaly } from '../types-anomalies.ts';
import { COLUMNS } from './table.ts';

/** What a refresh by analysis may change; status, mute and createdAt belong to the user and the first sighting. */
const REFRESHED = [
  'period_end',
  'currency',
  'actual_micros',
  'expected_micros',
  'lower_micros',
  'upper_micros',
  'severity',
  'sustained',
  'drivers',
  'description',
  'updated_at',
] as const;

const INT64_MAX = 2n ** 63n - 1n;

/**
 * An anomaly's amount (a float statistic of the analysis) as a BIGINT parameter: whole, and held within
 * the column's range, so a day of more than 9.2 × 10^18 micro-units still stores (as that bound).
 */
function statMicros(value: number): bigint {
  if (!Number.isFinite(value)) return value > 0 ? INT64_MAX : value < 0 ? -INT64_MAX : 0n;
  const whole = BigInt(Math.round(value));
  return whole > INT64_MAX ? INT64_MAX : whole < -INT64_MAX ? -INT64_MAX : whole;
}

/** One anomaly's upsert; `json` is the engine's JSON type name (JSON or JSONB). */
export function upsertAnomalySql(a: StoredAnomaly, json: string): { sql: string; params: unknown[] } {
  const p = new Params();
  const at = (d: Date | null) => (d ? p.instant(d) : p.add(null));
  const values = [
    p.add(a.org),
    p.add(a.id),
    p.add(a.kind),
    p.add(a.scopeDimension),
    p.add(a.scopeValue),
    at(a.periodStart),
    at(a.periodEnd),
    p.add(a.currency),
    p.add(statMicros(a.actualMicros)),
    p.add(statMicros(a.expectedMicros)),
    p.add(statMicros(a.lowerMicros)),
    p.add(statMicros(a.upperMicros)),
    p.add(a.severity),
    p.add(a.sustained),
    `CAST(${p.add(JSON.stringify(a.drivers))} AS ${json})`,
    p.add(a.description),
    p.add(a.status),
    at(a.mutedUntil),
    at(a.statusAt),
    p.add(a.statusBy),
    at(a.createdAt),
    at(a.updatedAt),
    p.add(a.historical),
  ];
  const sql = `INSERT INTO anomalies (${COLUMNS.join(', ')}) VALUES (${values.join(', ')})
    ON CONFLICT (org, id) DO UPDATE SET ${REFRESHED.map((c) => `${c} = excluded.${c}`).join(', ')}`;
  return { sql, params: p.values };
}

/** Anomalies overlapping the query's period, newest first. */
export function listAnomaliesSql(q: AnomalyQuery): { sql: string; params: unknown[] } {
  const p = new Params();
  const where = [`org = ${p.add(q.org)}`];
  if (q.from) where.push(`period_end > ${p.instant(q.from)}`);
  if (q.to) where.push(`period_start < ${p.instant(q.to)}`);
  if (q.statuses?.length) where.push(`status IN (${q.statuses.map((s) => p.add(s)).join(', ')})`);
  if (q.kinds?.length) where.push(`kind IN (${q.kinds.map((k) => p.add(k)).join(', ')})`);
  const sql = `SELECT * FROM anomalies WHERE ${where.join(' AND ')}
    ORDER BY period_start DESC, id LIMIT ${p.add(q.limit)}`;
  return { sql, params: p.values };
}

export function setAnomalyStatusSql(
  org: string,
  id: string,
  c: AnomalyStatusChange,
): { sql: string; params: unknown[] } {
  const p = new Params();
  const sql = `UPDATE anomalies SET status = ${p.add(c.status)}, status_at = ${p.instant(c.at)},
    status_by = ${p.add(c.by)}, muted_until = ${c.mutedUntil ? p.instant(c.mutedUntil) : p.add(null)}
    WHERE org = ${p.add(org)} AND id = ${p.add(id)} RETURNING *`;
  return { sql, params: p.values };
}
