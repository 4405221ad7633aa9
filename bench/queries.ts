// Overview query latency at 10M records on both engines, with a raw DuckDB GROUP BY as the reference.
import { existsSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import pg from 'pg';
import type { AppContext } from '../src/app/context.ts';
import { loadCatalog } from '../src/app/pricing.ts';
import { querySpend } from '../src/app/spend.ts';
import { createAppState } from '../src/app/state.ts';
import { loadConfig } from '../src/config/load.ts';
import { openDuckDbStore } from '../src/store/duckdb/store.ts';
import { openPostgresStore } from '../src/store/postgres/store.ts';
import { repositoriesOf } from '../src/store/repositories.ts';
import { rollupAppendStatements, rollupUpsertSql } from '../src/store/sql/rollup.ts';
import type { Store } from '../src/store/types.ts';

export const END = new Date('2026-11-20T00:00:00Z');
export const DAYS = 90;
const LISTS = {
  model: [
    'gpt-5',
    'gpt-5-mini',
    'gpt-4.1',
    'gpt-4o-mini',
    'text-embedding-3-small',
    'claude-sonnet-4-5',
    'claude-haiku-4-5',
    'claude-opus-4-1',
    'gemini-2.5-pro',
    'gemini-2.5-flash',
  ],
  team: ['platform', 'research', 'product', 'data'],
  project: ['search', 'ranker', 'assistant', 'evals', 'pipeline', 'support-bot', 'docs-qa', 'growth'],
};

/**
 * SQL that fills `usage` with `n` synthetic records (or those of them numbered `from` to `to`, for a fill
 * in chunks); the same arithmetic on both engines gives the same rows.
 */
export function fillSql(n: number, engine: 'duckdb' | 'postgres', from = 0, to = n): string {
  const series =
    engine === 'duckdb'
      ? `range(${from}, ${to}) t(i)`
      : `generate_series(${from}::bigint, ${to - 1}) AS t(i)`;
  const pick = (list: string[], mult: number) => {
    const arr =
      engine === 'duckdb'
        ? `[${list.map((v) => `'${v}'`).join(',')}]`
        : `(ARRAY[${list.map((v) => `'${v}'`).join(',')}])`;
    return `${arr}[1 + ((i * ${mult}) % ${list.length})]`;
  };
  const stepMicros = Math.floor((DAYS * 86_400e6) / n);
  const ts =
    engine === 'duckdb'
      ? `TIMESTAMPTZ '${new Date(END.getTime() - DAYS * 86_400_000).toISOString()}' + to_microseconds(i * ${stepMicros})`
      : `TIMESTAMPTZ '${new Date(END.getTime() - DAYS * 86_400_000).toISOString()}' + make_interval(secs => i * ${stepMicros} / 1e6)`;
  const text = engine === 'duckdb' ? 'VARCHAR' : 'TEXT';
  return `INSERT INTO usage SELECT 'bench', 'q-' || CAST(i AS ${text}), 'bench', ${ts}, NULL,
    CASE WHEN (i * 7919) % 10 < 5 THEN 'openai' WHEN (i * 7919) % 10 < 8 THEN 'anthropic' ELSE 'google' END, 'chat',
    ${pick(LISTS.model, 7919)}, 'user-' || CAST((i * 104729) % 40 AS ${text}), ${pick(LISTS.team, 104729)},
    ${pick(LISTS.project, 15485863)}, 'key_' || ${pick(LISTS.project, 15485863)},
    CASE WHEN i % 5 = 0 THEN 'notebooks/exp-' || CAST(i % 200 AS ${text}) || '.ipynb' END,
    CAST(CASE WHEN i % 5 = 0 THEN '{"env":"dev"}' ELSE '{"env":"prod"}' END AS ${engine === 'duckdb' ? 'JSON' : 'JSONB'}),
    200 + (i * 31) % 20000, 50 + (i * 17) % 3000, 0, 0, 0, 1, 1000 + (i * 13) % 90000, 'USD', 'estimated', now()
    FROM ${series}`;
}

async function fillDuckDb(path: string, n: number): Promise<void> {
  if (existsSync(path)) return;
  const store = await openDuckDbStore(path);
  await store.migrate();
  await store.close();
  const db = await DuckDBInstance.create(path);
  const c = await db.connect();
  await c.run("SET TimeZone = 'UTC'");
  await c.run(fillSql(n, 'duckdb'));
  for (const sql of rollupAppendStatements('usage', 1)) await c.run(sql);
  c.closeSync();
  db.closeSync();
}

async function fillPostgres(url: string, schema: string, n: number): Promise<void> {
  const open = async () => {
    const store = await openPostgresStore({ url, schema });
    await store.migrate();
    await store.close();
  };
  await open();
  const client = new pg.Client({
    connectionString: url,
    options: `-c search_path=${schema} -c TimeZone=UTC`,
  });
  await client.connect();
  try {
    // why: reuse a filled schema only when both the ledger and its rollup hold all n records.
    const filled = await client.query(
      `SELECT (SELECT COUNT(*) FROM usage WHERE org = 'bench') AS raw,
        (SELECT COALESCE(SUM(records), 0) FROM usage_hourly WHERE org = 'bench') AS rolled`,
    );
    if (Number(filled.rows[0].raw) === n && Number(filled.rows[0].rolled) === n) return;
    // why: a schema left by an older build may differ; start again from the current migrations.
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await open();
    await client.query(fillSql(n, 'postgres'));
    await client.query(rollupUpsertSql('usage', 1));
    await client.query('VACUUM ANALYZE usage');
    await client.query('VACUUM ANALYZE usage_hourly');
  } finally {
    await client.end();
  }
}

/** One dashboard overview: total, by model, daily trend by team, by user — run together as the page does. */
async function overview(ctx: AppContext, shiftHours: number): Promise<number> {
  const to = new Date(END.getTime() - shiftHours * 3_600_000);
  const from = new Date(to.getTime() - DAYS * 86_400_000);
  const base = { org: 'bench', from, to, tz: 'UTC' };
  const started = performance.now();
  await Promise.all([
    querySpend(ctx, { ...base, groupBy: [] }),
    querySpend(ctx, { ...base, groupBy: ['model'] }),
    querySpend(ctx, { ...base, groupBy: ['team'], bucket: 'day' }),
    querySpend(ctx, { ...base, groupBy: ['user'] }),
  ]);
  return performance.now() - started;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** A context on `store` for timing overviews: the default config, the clock at END. */
async function overviewContext(store: Store): Promise<AppContext> {
  const config = loadConfig({}, {});
  const repositories = repositoriesOf(store);
  const catalog = await loadCatalog({ config, ...repositories });
  return { config, store, ...repositories, catalog, now: () => END, state: createAppState() };
}

export async function timeOverviews(ctx: AppContext, runs: number) {
  await overview(ctx, 0);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await overview(ctx, i % 24));
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

/** The reference: DuckDB's own GROUP BY over the raw rows for the same 90 days. */
async function rawDuckDbGroupBy(path: string, runs: number) {
  const db = await DuckDBInstance.create(path);
  const c = await db.connect();
  const times: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const started = performance.now();
    await c.runAndReadAll(
      `SELECT model, SUM(cost_micros) FROM usage WHERE org = 'bench' AND ts >= TIMESTAMPTZ '${new Date(END.getTime() - DAYS * 86_400_000).toISOString()}' GROUP BY model`,
    );
    if (i > 0) times.push(performance.now() - started);
  }
  c.closeSync();
  db.closeSync();
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

export async function benchQueries(opts: {
  n: number;
  dir: string;
  postgresUrl: string | null;
  runs?: number;
}) {
  const runs = opts.runs ?? 40;
  const duckPath = `${opts.dir}/queries-${opts.n}.duckdb`;
  let t = performance.now();
  await fillDuckDb(duckPath, opts.n);
  const duckFillS = (performance.now() - t) / 1000;
  const reference = await rawDuckDbGroupBy(duckPath, runs);
  const duckStore = await openDuckDbStore(duckPath);
  const duck = await timeOverviews(await overviewContext(duckStore), runs);
  await duckStore.close();
  let postgres: { p50: number; p95: number; fillS: number } | null = null;
  if (opts.postgresUrl) {
    t = performance.now();
    await fillPostgres(opts.postgresUrl, 'spendlens_bench', opts.n);
    const fillS = (performance.now() - t) / 1000;
    const pgStore = await openPostgresStore({ url: opts.postgresUrl, schema: 'spendlens_bench' });
    postgres = { ...(await timeOverviews(await overviewContext(pgStore), runs)), fillS };
    await pgStore.close();
  }
  return { records: opts.n, duckdb: duck, duckFillS, reference, postgres };
}
