import type pg from 'pg';
import { type AlertingMethods, alertingMethods } from '../sql/alerting.ts';

/**
 * The budget, channel, alert, report and job-run methods of the PostgreSQL store; `write` retries
 * deadlock victims. Instances racing on one alert meet at its unique dedupe key: one inserts, the others
 * wait for it and do nothing.
 */
export function postgresAlertingMethods(
  pool: pg.Pool,
  write: <T>(fn: () => Promise<T>) => Promise<T>,
): AlertingMethods {
  return alertingMethods(
    async (sql, params) => (await write(() => pool.query(sql, params))).rows,
    async (sql, params) => (await pool.query(sql, params)).rows,
  );
}
