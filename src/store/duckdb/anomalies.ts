import {
  type AnomalyMethods,
  anomalyFromRow,
  listAnomaliesSql,
  setAnomalyStatusSql,
  upsertAnomalySql,
} from '../sql/anomalies.ts';
import type { DuckDb } from './connection.ts';

/** The anomaly methods of the DuckDB store; writes take the one write connection in turn. */
export function duckDbAnomalyMethods(db: DuckDb): AnomalyMethods {
  const { writer, reader, exclusive, transaction, rows } = db;
  return {
    upsertAnomalies(anomalies) {
      if (anomalies.length === 0) return Promise.resolve();
      return exclusive(() =>
        transaction(async () => {
          for (const a of anomalies) {
            const { sql, params } = upsertAnomalySql(a, 'JSON');
            await writer.run(sql, params as never);
          }
        }),
      );
    },
    async listAnomalies(query) {
      const { sql, params } = listAnomaliesSql(query);
      return (await rows(reader, sql, params)).map(anomalyFromRow);
    },
    async setAnomalyStatus(org, id, change) {
      const { sql, params } = setAnomalyStatusSql(org, id, change);
      const changed = await exclusive(() => rows(writer, sql, params));
      return changed[0] ? anomalyFromRow(changed[0]) : null;
    },
  };
}
