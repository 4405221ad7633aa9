/** The alerting statements, the same on both engines; documents are JSON kept as TEXT. */
import { Params } from '../sql/params.ts';
import type {
  AlertQuery,
  StoredAlert,
  StoredBudget,
  StoredChannel,
  StoredReport,
} from '../types-alerting.ts';

const TS = (n: number) => `CAST($${n} AS TIMESTAMPTZ)`;
/** `$1` null means every org (key rotation, the scheduler's view of all budgets). */
const ORG_OR_ALL = '(CAST($1 AS TEXT) IS NULL OR org = CAST($1 AS TEXT))';

export const PUT_BUDGET_SQL = `INSERT INTO budgets VALUES ($1, $2, $3, $4, ${TS(5)}, ${TS(6)})
  ON CONFLICT (org, id) DO UPDATE SET origin = excluded.origin, definition = excluded.definition,
  updated_at = excluded.updated_at`;

export const budgetParams = (b: StoredBudget) => [
  b.org,
  b.id,
  b.origin,
  JSON.stringify(b.definition),
  b.createdAt.toISOString(),
  b.updatedAt.toISOString(),
];

export const LIST_BUDGETS_SQL = `SELECT * FROM budgets WHERE ${ORG_OR_ALL} ORDER BY org, id`;
export const DELETE_BUDGET_SQL = 'DELETE FROM budgets WHERE org = $1 AND id = $2 RETURNING id';

export const PUT_CHANNEL_SQL = `INSERT INTO channels VALUES ($1, $2, $3, $4, $5, $6, ${TS(7)}, ${TS(8)})
  ON CONFLICT (org, id) DO UPDATE SET kind = excluded.kind, origin = excluded.origin,
  settings = excluded.settings, secret = excluded.secret, updated_at = excluded.updated_at`;

export const channelParams = (c: StoredChannel) => [
  c.org,
  c.id,
  c.kind,
  c.origin,
  JSON.stringify(c.settings),
  c.secret,
  c.createdAt.toISOString(),
  c.updatedAt.toISOString(),
];

export const LIST_CHANNELS_SQL = `SELECT * FROM channels WHERE ${ORG_OR_ALL} ORDER BY org, id`;
export const DELETE_CHANNEL_SQL = 'DELETE FROM channels WHERE org = $1 AND id = $2 RETURNING id';

/** No target: a repeated id or a repeated dedupe key both leave the first alert alone. */
export const INSERT_ALERT_SQL = `INSERT INTO alerts VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, ${TS(12)})
  ON CONFLICT DO NOTHING RETURNING id`;

export const alertParams = (a: StoredAlert) => [
  a.org,
  a.id,
  a.dedupeKey,
  a.event,
  a.severity,
  a.scopeDimension,
  a.scopeValue,
  a.budgetId,
  a.title,
  JSON.stringify(a.payload),
  JSON.stringify(a.deliveries),
  a.createdAt.toISOString(),
];

export const UPDATE_DELIVERIES_SQL = 'UPDATE alerts SET deliveries = $3 WHERE org = $1 AND id = $2';
export const GET_ALERT_SQL = 'SELECT * FROM alerts WHERE org = $1 AND id = $2';

/** Alerts newest first, from `from` on, of the given events. */
export function listAlertsSql(q: AlertQuery): { sql: string; params: unknown[] } {
  const p = new Params();
  const where = [`org = ${p.add(q.org)}`];
  if (q.from) where.push(`created_at >= ${p.instant(q.from)}`);
  if (q.events?.length) where.push(`event IN (${q.events.map((e) => p.add(e)).join(', ')})`);
  const sql = `SELECT * FROM alerts WHERE ${where.join(' AND ')}
    ORDER BY created_at DESC, id DESC LIMIT ${p.add(q.limit)}`;
  return { sql, params: p.values };
}

/** Archives are read-only: an existing id keeps its first content. */
export const INSERT_REPORT_SQL = `INSERT INTO reports VALUES ($1, $2, $3, ${TS(4)}, ${TS(5)}, ${TS(6)}, $7)
  ON CONFLICT (org, id) DO NOTHING RETURNING id`;

export const reportParams = (r: StoredReport) => [
  r.org,
  r.id,
  r.kind,
  r.periodStart.toISOString(),
  r.periodEnd.toISOString(),
  r.createdAt.toISOString(),
  JSON.stringify(r.content),
];

export const GET_REPORT_SQL = 'SELECT * FROM reports WHERE org = $1 AND id = $2';

export function listReportsSql(q: { org: string; kind?: string; limit: number }): {
  sql: string;
  params: unknown[];
} {
  const p = new Params();
  const where = [`org = ${p.add(q.org)}`];
  if (q.kind) where.push(`kind = ${p.add(q.kind)}`);
  const sql = `SELECT * FROM reports WHERE ${where.join(' AND ')}
    ORDER BY period_start DESC, id DESC LIMIT ${p.add(q.limit)}`;
  return { sql, params: p.values };
}

export const DELETE_REPORTS_BEFORE_SQL = `DELETE FROM reports WHERE org = $1 AND created_at < ${TS(2)} RETURNING id`;

export const GET_JOB_RUN_SQL = 'SELECT last_run_at FROM job_runs WHERE org = $1 AND name = $2';
export const PUT_JOB_RUN_SQL = `INSERT INTO job_runs VALUES ($1, $2, ${TS(3)})
  ON CONFLICT (org, name) DO UPDATE SET last_run_at = excluded.last_run_at`;
