import { type AlertingMethods, alertingMethods } from '../sql/alerting.ts';
import type { DuckDb } from './connection.ts';

/** The budget, channel, alert, report and job-run methods of the DuckDB store; writes take the write connection in turn. */
export function duckDbAlertingMethods(db: DuckDb): AlertingMethods {
  const { writer, reader, exclusive, rows } = db;
  return alertingMethods(
    (sql, params) => exclusive(() => rows(writer, sql, params)),
    (sql, params) => rows(reader, sql, params),
  );
}
