import type { Engine } from '../engine.ts';
import type { AnomalyRepo, StoredAnomaly } from '../types-anomalies.ts';
import { anomalyFromRow } from './rows.ts';
import { listAnomaliesSql, setAnomalyStatusSql, upsertAnomalySql } from './sql.ts';

const byId = (a: StoredAnomaly, b: StoredAnomaly) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Anomalies over either engine. */
export function anomalyRepo(engine: Engine): AnomalyRepo {
  const { dialect, read, write, transaction } = engine;
  return {
    async upsertAnomalies(anomalies) {
      if (anomalies.length === 0) return;
      // why: in id order, so two instances refreshing the same anomalies at once cannot deadlock.
      const sorted = [...anomalies].sort(byId);
      await transaction(async (tx) => {
        for (const a of sorted) {
          const { sql, params } = upsertAnomalySql(a, dialect.json);
          await tx(sql, params);
        }
      });
    },
    async listAnomalies(query) {
      const { sql, params } = listAnomaliesSql(query);
      return (await read(sql, params)).map(anomalyFromRow);
    },
    async setAnomalyStatus(org, id, change) {
      const { sql, params } = setAnomalyStatusSql(org, id, change);
      const [changed] = await write(sql, params);
      return changed ? anomalyFromRow(changed) : null;
    },
  };
}
