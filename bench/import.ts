// Bulk import of 1M records into DuckDB through `importFile`, in a child process so its peak memory is its own.
import { execFile } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import pg from 'pg';
import { benchRecords } from './data.ts';

const run = promisify(execFile);

async function writeJsonl(path: string, count: number): Promise<void> {
  if (existsSync(path)) return;
  const out = createWriteStream(path);
  let chunk = '';
  for (const record of benchRecords(count, new Date('2026-11-20T00:00:00Z'), 90, 'imp')) {
    chunk += `${JSON.stringify(record)}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await new Promise((r) => out.once('drain', r));
      chunk = '';
    }
  }
  out.end(chunk);
  await new Promise((r) => out.once('finish', r));
}

/**
 * The reference: DuckDB loading the same file with its own JSON reader into a plain table, or (`keyed`)
 * into one with a unique index on the id, as the ledger's primary key has.
 */
async function rawDuckDbLoad(file: string, keyed = false): Promise<number> {
  const db = await DuckDBInstance.create(join(mkdtempSync(join(tmpdir(), 'spendlens-raw-')), 'raw.duckdb'));
  const c = await db.connect();
  const source = `read_json('${file}', format = 'newline_delimited')`;
  const started = performance.now();
  if (keyed) {
    await c.run(`CREATE TABLE raw AS SELECT * FROM ${source} LIMIT 0`);
    await c.run('CREATE UNIQUE INDEX raw_id ON raw (id)');
    await c.run(`INSERT INTO raw SELECT * FROM ${source}`);
  } else await c.run(`CREATE TABLE raw AS SELECT * FROM ${source}`);
  const ms = performance.now() - started;
  c.closeSync();
  db.closeSync();
  return ms;
}

/** A PostgreSQL schema of its own for one measured run, dropped afterwards. */
export async function withBenchSchema<T>(
  url: string,
  name: string,
  fn: (schema: string) => Promise<T>,
): Promise<T> {
  const schema = `${name}_${process.pid}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    return await fn(schema);
  } finally {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
    await client.end();
  }
}

/** Imports the file in a child process, into DuckDB or into `postgres` when given. */
async function importInChild(file: string, postgres?: { url: string; schema: string }) {
  const dataDir = mkdtempSync(join(tmpdir(), 'spendlens-bench-import-'));
  const env = postgres
    ? { ...process.env, DATABASE_URL: postgres.url, SPENDLENS_DATABASE_SCHEMA: postgres.schema }
    : process.env;
  const { stdout } = await run(process.execPath, ['bin/run-ts.js', 'bench/import-child.ts', file, dataDir], {
    maxBuffer: 1 << 20,
    env,
  });
  return JSON.parse(stdout) as { ms: number; accepted: number; rejected: number; maxRssMB: number };
}

/** The same import into PostgreSQL, in a schema of its own. */
export async function benchImportPostgres(opts: { n: number; dir: string; url: string }) {
  const file = resolve(opts.dir, `import-${opts.n}.jsonl`);
  await writeJsonl(file, opts.n);
  const child = await withBenchSchema(opts.url, 'spendlens_bench_import', (schema) =>
    importInChild(file, { url: opts.url, schema }),
  );
  return {
    records: opts.n,
    recordsPerSecond: (child.accepted / child.ms) * 1000,
    seconds: child.ms / 1000,
    peakRssMB: child.maxRssMB,
    accepted: child.accepted,
  };
}

export async function benchImport(opts: { n: number; dir: string }) {
  const file = resolve(opts.dir, `import-${opts.n}.jsonl`);
  await writeJsonl(file, opts.n);
  const child = await importInChild(file);
  const referenceMs = await rawDuckDbLoad(file);
  const keyedReferenceMs = await rawDuckDbLoad(file, true);
  return {
    records: opts.n,
    fileMB: statSync(file).size / 1e6,
    recordsPerSecond: (child.accepted / child.ms) * 1000,
    seconds: child.ms / 1000,
    peakRssMB: child.maxRssMB,
    accepted: child.accepted,
    rejected: child.rejected,
    referenceRecordsPerSecond: (opts.n / referenceMs) * 1000,
    keyedReferenceRecordsPerSecond: (opts.n / keyedReferenceMs) * 1000,
  };
}
