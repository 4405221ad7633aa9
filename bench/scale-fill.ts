// Fills a ledger with `n` synthetic records by SQL, in chunks that each commit with their rollup, so a
// fill that stops part way resumes where it stopped and a filled store is reused on the next run.
import { DuckDBInstance } from '@duckdb/node-api';
import pg from 'pg';
import { openDuckDbStore } from '../src/store/duckdb/store.ts';
import { openPostgresStore } from '../src/store/postgres/store.ts';
import { rollupAppendStatements, rollupUpsertSql } from '../src/store/sql/rollup.ts';
import { DAYS, END, fillSql } from './queries.ts';

export const ORG = 'bench';
// why: at 100M a single INSERT … SELECT holds more than the machine's memory; 10M rows commit at a time.
const CHUNK = { duckdb: 10_000_000, postgres: 2_000_000 };
/** The fill's own records (ids 'q-…'), not the ones the import step adds and removes. */
const FILLED = `org = '${ORG}' AND id LIKE 'q-%'`;

/** The instant of record `i` of `n`, as fillSql spaces them. */
function instant(i: number, n: number): string {
  const start = END.getTime() - DAYS * 86_400_000;
  const stepMicros = Math.floor((DAYS * 86_400e6) / n);
  return new Date(start + Math.floor((i * stepMicros) / 1000)).toISOString();
}

/** The rollup of the records numbered `from` to `to` (fillSql's timestamps rise with the number). */
function chunkSource(n: number, from: number, to: number): string {
  const upper = to >= n ? '' : ` AND ts < TIMESTAMPTZ '${instant(to, n)}'`;
  return `(SELECT * FROM usage WHERE ${FILLED} AND ts >= TIMESTAMPTZ '${instant(from, n)}'${upper}) AS chunk`;
}

type Log = (line: string) => void;

/** Fills the DuckDB file at `path` up to `n` records; returns how many it had to add. */
export async function fillDuckDb(path: string, n: number, log: Log): Promise<number> {
  const store = await openDuckDbStore(path);
  await store.migrate();
  await store.close();
  const db = await DuckDBInstance.create(path);
  const c = await db.connect();
  try {
    await c.run("SET TimeZone = 'UTC'");
    // why: the fill needs no ordering and must spill rather than take the machine's 24 GiB.
    await c.run("SET memory_limit = '8GB'");
    await c.run('SET preserve_insertion_order = false');
    const have = Number(
      (await c.runAndReadAll(`SELECT COUNT(*) FROM usage WHERE ${FILLED}`)).getRows()[0]?.[0],
    );
    for (let from = have; from < n; from += CHUNK.duckdb) {
      const to = Math.min(n, from + CHUNK.duckdb);
      const started = performance.now();
      await c.run('BEGIN TRANSACTION');
      await c.run(fillSql(n, 'duckdb', from, to));
      for (const sql of rollupAppendStatements(chunkSource(n, from, to), 1)) await c.run(sql);
      await c.run('COMMIT');
      await c.run('CHECKPOINT');
      log(`duckdb ${n}: records ${from}–${to} in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    }
    return n - have;
  } finally {
    c.closeSync();
    db.closeSync();
  }
}

/** Fills PostgreSQL schema `schema` up to `n` records; returns how many it had to add. */
export async function fillPostgres(url: string, schema: string, n: number, log: Log): Promise<number> {
  const store = await openPostgresStore({ url, schema });
  await store.migrate();
  await store.close();
  const client = new pg.Client({
    connectionString: url,
    options: `-c search_path=${schema} -c TimeZone=UTC`,
  });
  await client.connect();
  try {
    const have = Number((await client.query(`SELECT COUNT(*) AS n FROM usage WHERE ${FILLED}`)).rows[0].n);
    for (let from = have; from < n; from += CHUNK.postgres) {
      const to = Math.min(n, from + CHUNK.postgres);
      const started = performance.now();
      await client.query('BEGIN');
      await client.query(fillSql(n, 'postgres', from, to));
      await client.query(rollupUpsertSql(chunkSource(n, from, to), 1));
      await client.query('COMMIT');
      log(`postgres ${n}: records ${from}–${to} in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    }
    if (have < n) {
      await client.query('VACUUM ANALYZE usage');
      await client.query('VACUUM ANALYZE usage_hourly');
    }
    return n - have;
  } finally {
    await client.end();
  }
}
