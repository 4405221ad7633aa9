import type {
  AlertDelivery,
  AlertQuery,
  Store,
  StoredAlert,
  StoredBudget,
  StoredChannel,
  StoredReport,
} from '../types.ts';
import { Params } from './params.ts';

/** The Store methods of budgets, alert channels, alerts, archived reports and job runs (`<engine>/alerting.ts`). */
export type AlertingMethods = Pick<
  Store,
  | 'putBudget'
  | 'listBudgets'
  | 'deleteBudget'
  | 'putChannel'
  | 'listChannels'
  | 'deleteChannel'
  | 'insertAlert'
  | 'updateAlertDeliveries'
  | 'listAlerts'
  | 'getAlert'
  | 'insertReport'
  | 'getReport'
  | 'listReports'
  | 'deleteReportsBefore'
  | 'getJobRun'
  | 'putJobRun'
>;

/**
 * The tables of budgets, alert channels, raised alerts, archived reports and the scheduler's last runs.
 * Documents are JSON kept as TEXT, so both engines read them alike. `UNIQUE (org, dedupe_key)` is what
 * makes an alert fire once, whichever instance raises it first.
 */
export const ALERTING_MIGRATION: string[] = [
  `CREATE TABLE budgets (
    org TEXT NOT NULL,
    id TEXT NOT NULL,
    origin TEXT NOT NULL,
    definition TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (org, id)
  )`,
  `CREATE TABLE channels (
    org TEXT NOT NULL,
    id TEXT NOT NULL,
    kind TEXT NOT NULL,
    origin TEXT NOT NULL,
    settings TEXT NOT NULL,
    secret TEXT,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (org, id)
  )`,
  `CREATE TABLE alerts (
    org TEXT NOT NULL,
    id TEXT NOT NULL,
    dedupe_key TEXT NOT NULL,
    event TEXT NOT NULL,
    severity TEXT NOT NULL,
    scope_dimension TEXT,
    scope_value TEXT,
    budget_id TEXT,
    title TEXT NOT NULL,
    payload TEXT NOT NULL,
    deliveries TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (org, id),
    UNIQUE (org, dedupe_key)
  )`,
  // listAlerts: org, then newest first.
  'CREATE INDEX alerts_org_created ON alerts (org, created_at)',
  `CREATE TABLE reports (
    org TEXT NOT NULL,
    id TEXT NOT NULL,
    kind TEXT NOT NULL,
    period_start TIMESTAMPTZ NOT NULL,
    period_end TIMESTAMPTZ NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    content TEXT NOT NULL,
    PRIMARY KEY (org, id)
  )`,
  `CREATE TABLE job_runs (
    org TEXT NOT NULL,
    name TEXT NOT NULL,
    last_run_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (org, name)
  )`,
];

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

const origin = (v: unknown) => (v === 'config' ? 'config' : 'api');
const textOrNull = (v: unknown) => (v === null || v === undefined ? null : String(v));

/** The one place a `budgets` row becomes a `StoredBudget`. */
export function budgetFromRow(x: Record<string, unknown>): StoredBudget {
  return {
    org: String(x.org),
    id: String(x.id),
    origin: origin(x.origin),
    definition: JSON.parse(String(x.definition)) as Record<string, unknown>,
    createdAt: x.created_at as Date,
    updatedAt: x.updated_at as Date,
  };
}

export function channelFromRow(x: Record<string, unknown>): StoredChannel {
  return {
    org: String(x.org),
    id: String(x.id),
    kind: String(x.kind),
    origin: origin(x.origin),
    settings: JSON.parse(String(x.settings)) as Record<string, unknown>,
    secret: textOrNull(x.secret),
    createdAt: x.created_at as Date,
    updatedAt: x.updated_at as Date,
  };
}

export function alertFromRow(x: Record<string, unknown>): StoredAlert {
  return {
    org: String(x.org),
    id: String(x.id),
    dedupeKey: String(x.dedupe_key),
    event: String(x.event),
    severity: String(x.severity),
    scopeDimension: textOrNull(x.scope_dimension),
    scopeValue: textOrNull(x.scope_value),
    budgetId: textOrNull(x.budget_id),
    title: String(x.title),
    payload: JSON.parse(String(x.payload)) as Record<string, unknown>,
    deliveries: JSON.parse(String(x.deliveries)) as AlertDelivery[],
    createdAt: x.created_at as Date,
  };
}

export function reportFromRow(x: Record<string, unknown>): StoredReport {
  return {
    org: String(x.org),
    id: String(x.id),
    kind: x.kind === 'weekly' ? 'weekly' : 'daily',
    periodStart: x.period_start as Date,
    periodEnd: x.period_end as Date,
    createdAt: x.created_at as Date,
    content: JSON.parse(String(x.content)) as Record<string, unknown>,
  };
}

/** Runs a statement and answers its rows: `run` for writes (the engine's write discipline), `read` for reads. */
export type RowsFn = (sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>;

/** The alerting methods over an engine's `run` (writes) and `read`; the SQL is the same on both engines. */
export function alertingMethods(run: RowsFn, read: RowsFn): AlertingMethods {
  return {
    async putBudget(budget) {
      await run(PUT_BUDGET_SQL, budgetParams(budget));
    },
    listBudgets: async (org) => (await read(LIST_BUDGETS_SQL, [org])).map(budgetFromRow),
    deleteBudget: async (org, id) => (await run(DELETE_BUDGET_SQL, [org, id])).length > 0,
    async putChannel(channel) {
      await run(PUT_CHANNEL_SQL, channelParams(channel));
    },
    listChannels: async (org) => (await read(LIST_CHANNELS_SQL, [org])).map(channelFromRow),
    deleteChannel: async (org, id) => (await run(DELETE_CHANNEL_SQL, [org, id])).length > 0,
    insertAlert: async (alert) => (await run(INSERT_ALERT_SQL, alertParams(alert))).length > 0,
    async updateAlertDeliveries(org, id, deliveries) {
      await run(UPDATE_DELIVERIES_SQL, [org, id, JSON.stringify(deliveries)]);
    },
    async listAlerts(query) {
      const { sql, params } = listAlertsSql(query);
      return (await read(sql, params)).map(alertFromRow);
    },
    async getAlert(org, id) {
      const found = await read(GET_ALERT_SQL, [org, id]);
      return found[0] ? alertFromRow(found[0]) : null;
    },
    insertReport: async (report) => (await run(INSERT_REPORT_SQL, reportParams(report))).length > 0,
    async getReport(org, id) {
      const found = await read(GET_REPORT_SQL, [org, id]);
      return found[0] ? reportFromRow(found[0]) : null;
    },
    async listReports(query) {
      const { sql, params } = listReportsSql(query);
      return (await read(sql, params)).map(reportFromRow);
    },
    deleteReportsBefore: async (org, before) =>
      (await run(DELETE_REPORTS_BEFORE_SQL, [org, before.toISOString()])).length,
    async getJobRun(org, name) {
      const found = await read(GET_JOB_RUN_SQL, [org, name]);
      return found[0] ? (found[0].last_run_at as Date) : null;
    },
    async putJobRun(org, name, at) {
      await run(PUT_JOB_RUN_SQL, [org, name, at.toISOString()]);
    },
  };
}
