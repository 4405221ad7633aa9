import type { Engine } from '../engine.ts';
import type { AlertingRepo } from '../types-alerting.ts';
import { alertFromRow, budgetFromRow, channelFromRow, reportFromRow } from './rows.ts';
import {
  alertParams,
  budgetParams,
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
  reportParams,
  UPDATE_DELIVERIES_SQL,
} from './sql.ts';

/**
 * Budgets, alert channels, alerts, archived reports and job runs over either engine. Instances racing
 * on one alert meet at its unique dedupe key: one inserts, the others do nothing.
 */
export function alertingRepo(engine: Engine): AlertingRepo {
  const { read, write } = engine;
  return {
    async putBudget(budget) {
      await write(PUT_BUDGET_SQL, budgetParams(budget));
    },
    listBudgets: async (org) => (await read(LIST_BUDGETS_SQL, [org])).map(budgetFromRow),
    deleteBudget: async (org, id) => (await write(DELETE_BUDGET_SQL, [org, id])).length > 0,
    async putChannel(channel) {
      await write(PUT_CHANNEL_SQL, channelParams(channel));
    },
    listChannels: async (org) => (await read(LIST_CHANNELS_SQL, [org])).map(channelFromRow),
    deleteChannel: async (org, id) => (await write(DELETE_CHANNEL_SQL, [org, id])).length > 0,
    insertAlert: async (alert) => (await write(INSERT_ALERT_SQL, alertParams(alert))).length > 0,
    async updateAlertDeliveries(org, id, deliveries) {
      await write(UPDATE_DELIVERIES_SQL, [org, id, JSON.stringify(deliveries)]);
    },
    async listAlerts(query) {
      const { sql, params } = listAlertsSql(query);
      return (await read(sql, params)).map(alertFromRow);
    },
    async getAlert(org, id) {
      const found = await read(GET_ALERT_SQL, [org, id]);
      return found[0] ? alertFromRow(found[0]) : null;
    },
    insertReport: async (report) => (await write(INSERT_REPORT_SQL, reportParams(report))).length > 0,
    async getReport(org, id) {
      const found = await read(GET_REPORT_SQL, [org, id]);
      return found[0] ? reportFromRow(found[0]) : null;
    },
    async listReports(query) {
      const { sql, params } = listReportsSql(query);
      return (await read(sql, params)).map(reportFromRow);
    },
    deleteReportsBefore: async (org, before) =>
      (await write(DELETE_REPORTS_BEFORE_SQL, [org, before.toISOString()])).length,
    async getJobRun(org, name) {
      const found = await read(GET_JOB_RUN_SQL, [org, name]);
      return found[0] ? (found[0].last_run_at as Date) : null;
    },
    async putJobRun(org, name, at) {
      await write(PUT_JOB_RUN_SQL, [org, name, at.toISOString()]);
    },
  };
}
