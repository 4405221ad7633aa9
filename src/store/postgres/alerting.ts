import type pg from 'pg';
import {
  type AlertingMethods,
  alertFromRow,
  alertParams,
  budgetFromRow,
  budgetParams,
  channelFromRow,
  channelParams,
  DELETE_BUDGET_SQL,
  DELETE_CHANNEL_SQL,
  DELETE_REPORTS_BEFORE_SQL,
  GET_ALERT_SQL,
  GET_JOB_RUN_SQL,
  GET_REPORT_SQL,
  INSERT_ALERT_SQL,
  INSERT_REPORT_SQL,
  LIST_BUDGETS_SQL,
  LIST_CHANNELS_SQL,
  listAlertsSql,
  listReportsSql,
  PUT_BUDGET_SQL,
  PUT_CHANNEL_SQL,
  PUT_JOB_RUN_SQL,
  reportFromRow,
  reportParams,
  UPDATE_DELIVERIES_SQL,
} from '../sql/alerting.ts';

/**
 * The budget, channel, alert, report and job-run methods of the PostgreSQL store; `write` retries
 * deadlock victims. Instances racing on one alert meet at its unique dedupe key: one inserts, the others
 * wait for it and do nothing.
 */
export function postgresAlertingMethods(
  pool: pg.Pool,
  write: <T>(fn: () => Promise<T>) => Promise<T>,
): AlertingMethods {
  const run = async (sql: string, params: unknown[]) => (await write(() => pool.query(sql, params))).rows;
  const read = async (sql: string, params: unknown[]) => (await pool.query(sql, params)).rows;
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
