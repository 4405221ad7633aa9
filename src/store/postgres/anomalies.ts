import type pg from 'pg';
import {
  type AnomalyMethods,
  anomalyFromRow,
  listAnomaliesSql,
  setAnomalyStatusSql,
  upsertAnomalySql,
} from '../sql/anomalies.ts';
import { transaction } from './pool.ts';

/** The anomaly methods of the PostgreSQL store; `write` tracks writes in flight for a clean close. */
export function postgresAnomalyMethods(
  pool: pg.Pool,
  write: <T>(fn: () => Promise<T>) => Promise<T>,
): AnomalyMethods {
  return {
    async upsertAnomalies(anomalies) {
      if (anomalies.length === 0) return;
      // why: in id order, so two instances refreshing the same anomalies at once cannot deadlock.
      const sorted = [...anomalies].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      await write(() =>
        transaction(pool, async (client) => {
          for (const a of sorted) {
            const { sql, params } = upsertAnomalySql(a, 'JSONB');
            await client.query(sql, params);
          }
        }),
      );
    },
    async listAnomalies(query) {
      const { sql, params } = listAnomaliesSql(query);
      return (await pool.query(sql, params)).rows.map(anomalyFromRow);
    },
    async setAnomalyStatus(org, id, change) {
      const { sql, params } = setAnomalyStatusSql(org, id, change);
      const result = await write(() => pool.query(sql, params));
      return result.rows[0] ? anomalyFromRow(result.rows[0]) : null;
    },
  };
}
