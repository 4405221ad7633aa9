// Child process of the benchmark: imports one file into a fresh ledger and reports time and peak memory.
import { openContext } from '../src/app/open.ts';
import { loadConfig } from '../src/config/load.ts';
import { importFile } from '../src/present/cli/commands/import.ts';

const [file, dataDir] = process.argv.slice(2) as [string, string];
// why: PostgreSQL when the parent names one (DATABASE_URL, a fresh SPENDLENS_DATABASE_SCHEMA); DuckDB otherwise.
const env = {
  DATABASE_URL: process.env.DATABASE_URL,
  SPENDLENS_DATABASE_SCHEMA: process.env.SPENDLENS_DATABASE_SCHEMA,
};
const ctx = await openContext(loadConfig({ dataDir }, env));
const started = performance.now();
const summary = await importFile(file, { ctx }, { progress: false });
const ms = performance.now() - started;
await ctx.store.close();
process.stdout.write(
  JSON.stringify({
    ms,
    accepted: summary.accepted,
    rejected: summary.rejected.length,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
  }),
);
