import type pg from 'pg';
import { type DetectionMethods, detectionMethods } from '../sql/detection.ts';

/** The detection watermark methods of the PostgreSQL store; `write` retries deadlock victims. */
export function postgresDetectionMethods(
  pool: pg.Pool,
  write: <T>(fn: () => Promise<T>) => Promise<T>,
): DetectionMethods {
  return detectionMethods(
    async (sql, params) => (await write(() => pool.query(sql, params))).rows,
    async (sql, params) => (await pool.query(sql, params)).rows,
  );
}
