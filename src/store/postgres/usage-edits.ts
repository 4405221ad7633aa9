import type pg from 'pg';
import type { UsageRecord } from '../../domain/record.ts';
import { dedupeBatch, rowToRecord } from '../rows.ts';
import { ROLLUP_PRUNE_SQL, rollupUpsertSql } from '../sql/rollup.ts';
import type { ReplaceResult, Store } from '../types.ts';
import { INSERT_CHUNK, inKeyOrder, insertChunk } from './insert.ts';
import { transaction } from './pool.ts';
import { toUsageRow } from './values.ts';

const AFFECTED = '(SELECT * FROM usage WHERE org = $1 AND id = ANY($2::text[])) AS affected';

/** Replacing and voiding records on PostgreSQL; `write` retries deadlock victims. */
export function postgresUsageEdits(
  pool: pg.Pool,
  write: <T>(fn: () => Promise<T>) => Promise<T>,
): Pick<Store, 'replaceUsage' | 'voidUsage'> {
  return {
    replaceUsage: (org, records) => write(() => replace(pool, org, records)),
    async voidUsage(org, ids, dryRun) {
      const found = dryRun
        ? (
            await pool.query('SELECT * FROM usage WHERE org = $1 AND id = ANY($2::text[]) ORDER BY id', [
              org,
              ids,
            ])
          ).rows
        : await write(() => voidRecords(pool, org, ids));
      return found.map((r) => rowToRecord(toUsageRow(r)));
    },
  };
}

/** Takes the old rows out of the rollup, deletes them and inserts the new ones, in one transaction. */
async function replace(pool: pg.Pool, org: string, records: UsageRecord[]): Promise<ReplaceResult> {
  const sorted = inKeyOrder(dedupeBatch(records.filter((r) => r.org === org)).unique);
  if (sorted.length === 0) return { inserted: 0, replaced: 0 };
  const ids = sorted.map((r) => r.id);
  return transaction(pool, async (client) => {
    await client.query('SELECT 1 FROM usage WHERE org = $1 AND id = ANY($2::text[]) ORDER BY id FOR UPDATE', [
      org,
      ids,
    ]);
    await client.query(rollupUpsertSql(AFFECTED, -1), [org, ids]);
    const gone = await client.query('DELETE FROM usage WHERE org = $1 AND id = ANY($2::text[])', [org, ids]);
    for (let i = 0; i < sorted.length; i += INSERT_CHUNK) {
      await insertChunk(client, sorted.slice(i, i + INSERT_CHUNK));
    }
    await client.query(ROLLUP_PRUNE_SQL, [org]);
    const replaced = gone.rowCount ?? 0;
    return { inserted: sorted.length - replaced, replaced };
  });
}

/** Deletes records by id, their rollup sums first, in one transaction; answers the rows it removed. */
async function voidRecords(pool: pg.Pool, org: string, ids: string[]): Promise<Record<string, unknown>[]> {
  if (ids.length === 0) return [];
  return transaction(pool, async (client) => {
    const found = await client.query(
      'SELECT * FROM usage WHERE org = $1 AND id = ANY($2::text[]) ORDER BY id FOR UPDATE',
      [org, ids],
    );
    if (found.rows.length === 0) return [];
    await client.query(rollupUpsertSql(AFFECTED, -1), [org, ids]);
    await client.query('DELETE FROM usage WHERE org = $1 AND id = ANY($2::text[])', [org, ids]);
    await client.query(ROLLUP_PRUNE_SQL, [org]);
    return found.rows;
  });
}
