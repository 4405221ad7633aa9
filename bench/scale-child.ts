// Child process of bench/scale.ts, one per step so each size's peak memory is its own.
//   fill    ENGINE N WHERE        fills the ledger by SQL (reused when already full)
//   measure ENGINE N WHERE FILE   times the overview and a tag-filtered raw query, then imports FILE
// WHERE is the DuckDB data directory, or `postgres-url|schema`.
import { join } from 'node:path';
import type { AppContext } from '../src/app/context.ts';
import { openContext } from '../src/app/open.ts';
import { querySpend } from '../src/app/spend.ts';
import { loadConfig } from '../src/config/load.ts';
import { importFile } from '../src/present/cli/commands/import.ts';
import { DAYS, END, percentile, timeOverviews } from './queries.ts';
import { fillDuckDb, fillPostgres, ORG } from './scale-fill.ts';
import { type Ledger, resetDuckDb, resetPostgres } from './scale-ledger.ts';

const [mode, engine, size, where, file] = process.argv.slice(2) as [string, string, string, string, string];
const n = Number(size);
const log = (line: string) => console.error(`  ${line}`);
const [url = '', schema = ''] = where.split('|');
const rssMB = () => process.resourceUsage().maxRSS / 1024;

/** The dashboard's tag breakdown: spend by model of the records tagged env=dev over 90 days (raw table). */
async function timeTagQuery(ctx: AppContext, budgetMs: number) {
  const run = async (shiftHours: number) => {
    const to = new Date(END.getTime() - shiftHours * 3_600_000);
    const from = new Date(to.getTime() - DAYS * 86_400_000);
    const started = performance.now();
    await querySpend(ctx, { org: ORG, from, to, tz: 'UTC', groupBy: ['model'], tags: { env: ['dev'] } });
    return performance.now() - started;
  };
  await run(0);
  const times: number[] = [];
  const until = performance.now() + budgetMs;
  // why: at 100M one scan takes tens of seconds; at least 3 runs, then as many as fit the budget, at most 20.
  while (times.length < 3 || (times.length < 20 && performance.now() < until))
    times.push(await run(times.length % 24));
  return { p50: percentile(times, 50), p95: percentile(times, 95), runs: times.length };
}

/** Writes one phase's figures as a JSON line, so a child stopped part way still leaves what it measured. */
const emit = (figures: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(figures)}\n`);

async function measure(): Promise<void> {
  const env = engine === 'postgres' ? { DATABASE_URL: url, SPENDLENS_DATABASE_SCHEMA: schema } : {};
  const ledger: Ledger =
    engine === 'postgres'
      ? await resetPostgres(url, schema)
      : await resetDuckDb(join(where, 'spendlens.duckdb'));
  if (ledger.removed) log(`removed ${ledger.removed} records of an earlier run's import`);
  emit({ bytes: ledger.bytes, bytesPerRecord: ledger.bytes / n, rollupRows: ledger.rollupRows });
  const ctx = await openContext(
    loadConfig({ dataDir: engine === 'duckdb' ? where : undefined }, { SPENDLENS_ORG: ORG, ...env }),
    () => END,
  );
  try {
    log('overview…');
    const overview = await timeOverviews(ctx, 20);
    log(`overview p95 ${overview.p95.toFixed(1)} ms; tag-filtered query…`);
    emit({ overview });
    const tagged = await timeTagQuery(ctx, 30_000);
    log(`tag-filtered p95 ${tagged.p95.toFixed(0)} ms over ${tagged.runs} runs; import…`);
    emit({ tagged, queryPeakRssMB: rssMB() });
    // why: the import ends with anomaly detection over the org's history; the last write's end splits the two.
    const insert = ctx.usage.insertUsage.bind(ctx.usage);
    let written = 0;
    ctx.usage.insertUsage = async (records) => {
      const result = await insert(records);
      written = performance.now();
      return result;
    };
    const started = performance.now();
    const summary = await importFile(file, { ctx }, { progress: false });
    const ms = performance.now() - started;
    log(
      `import ${(ms / 1000).toFixed(1)} s, of which detection ${((started + ms - written) / 1000).toFixed(1)} s`,
    );
    emit({
      import: {
        records: summary.accepted,
        rejected: summary.rejected.length,
        recordsPerSecond: (summary.accepted / ms) * 1000,
        seconds: ms / 1000,
        writeRecordsPerSecond: (summary.accepted / (written - started)) * 1000,
        detectionSeconds: (started + ms - written) / 1000,
      },
      peakRssMB: rssMB(),
    });
  } finally {
    await ctx.store.close();
  }
}

if (mode === 'fill') {
  const started = performance.now();
  const added =
    engine === 'postgres'
      ? await fillPostgres(url, schema, n, log)
      : await fillDuckDb(join(where, 'spendlens.duckdb'), n, log);
  emit({ added, seconds: (performance.now() - started) / 1000, peakRssMB: rssMB() });
} else {
  await measure();
}
