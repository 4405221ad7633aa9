// The scale benchmark's direct work on a filled ledger: removing what an earlier run's import added (so
// the store holds exactly its n records again) and measuring its size on disk.
import { DuckDBInstance } from '@duckdb/node-api';
import pg from 'pg';
import {
  ROLLUP_COMPACT_SQL,
  ROLLUP_PRUNE_SQL,
  rollupAppendStatements,
  rollupUpsertSql,
} from '../src/store/sql/rollup.ts';
import { END } from './queries.ts';
import { ORG } from './scale-fill.ts';

/** Ids of the records the import step adds (see scale.ts); everything else is the fill's. */
export const IMPORT_PREFIX = 'scale';
const IMPORTED = `org = '${ORG}' AND id LIKE '${IMPORT_PREFIX}-%'`;
const GONE = `(SELECT * FROM usage WHERE ${IMPORTED}) AS gone`;
// why: detection after an import writes anomalies and moves the org's marks; a re-run starts as the first did.
const FORGET = [
  `DELETE FROM anomalies WHERE org = '${ORG}'`,
  `DELETE FROM detection_marks WHERE org = '${ORG}'`,
];

/** A ledger as measured: records removed from an earlier import, bytes on disk, rows in the rollup. */
export interface Ledger {
  removed: number;
  bytes: number;
  rollupRows: number;
}

/** Removes an earlier import from the DuckDB file, checkpoints it, and returns its size in bytes. */
export async function resetDuckDb(path: string): Promise<Ledger> {
  const db = await DuckDBInstance.create(path);
  const c = await db.connect();
  try {
    await c.run("SET TimeZone = 'UTC'");
    const removed = Number(
      (await c.runAndReadAll(`SELECT COUNT(*) FROM usage WHERE ${IMPORTED}`)).getRows()[0]?.[0],
    );
    await c.run('BEGIN TRANSACTION');
    if (removed > 0) {
      for (const sql of rollupAppendStatements(GONE, -1)) await c.run(sql);
      await c.run(`DELETE FROM usage WHERE ${IMPORTED}`);
      const since = new Date(END.getTime() - 2 * 86_400_000).toISOString();
      for (const sql of ROLLUP_COMPACT_SQL) await c.run(sql, sql.includes('$1') ? [since] : []);
    }
    for (const sql of FORGET) await c.run(sql);
    await c.run('COMMIT');
    await c.run('CHECKPOINT');
    const rolled = Number((await c.runAndReadAll('SELECT COUNT(*) FROM usage_hourly')).getRows()[0]?.[0]);
    // why: blocks freed by an earlier run's cleanup stay in the file; count the blocks in use.
    const size = (await c.runAndReadAll('PRAGMA database_size')).getRowObjects()[0] ?? {};
    const bytes = Number(size.used_blocks) * Number(size.block_size);
    return { removed, bytes, rollupRows: rolled };
  } finally {
    c.closeSync();
    db.closeSync();
  }
}

/** Removes an earlier import from the PostgreSQL schema; returns the ledger's size (tables and indexes). */
export async function resetPostgres(url: string, schema: string): Promise<Ledger> {
  const client = new pg.Client({
    connectionString: url,
    options: `-c search_path=${schema} -c TimeZone=UTC`,
  });
  await client.connect();
  try {
    const removed = Number(
      (await client.query(`SELECT COUNT(*) AS n FROM usage WHERE ${IMPORTED}`)).rows[0].n,
    );
    await client.query('BEGIN');
    if (removed > 0) {
      await client.query(rollupUpsertSql(GONE, -1));
      await client.query(`DELETE FROM usage WHERE ${IMPORTED}`);
      await client.query(ROLLUP_PRUNE_SQL, [ORG]);
    }
    for (const sql of FORGET) await client.query(sql);
    await client.query('COMMIT');
    if (removed > 0) await client.query('VACUUM ANALYZE usage, usage_hourly');
    const size = await client.query(
      `SELECT pg_total_relation_size('usage') + pg_total_relation_size('usage_hourly') AS bytes,
        (SELECT COUNT(*) FROM usage_hourly) AS rolled`,
    );
    return { removed, bytes: Number(size.rows[0].bytes), rollupRows: Number(size.rows[0].rolled) };
  } finally {
    await client.end();
  }
}
