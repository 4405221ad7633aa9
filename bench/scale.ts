// `npm run bench:scale`: how cost grows with volume. For each engine and size, a ledger filled by SQL
// (kept under bench/out and reused), then in a child process per size: the overview's p95, a tag-filtered
// raw query's p95, 100k further records imported through `importFile`, bytes on disk per record and the
// child's peak memory.
// Options (env): SCALE_DUCKDB=1000000,10000000,100000000 SCALE_PG=1000000,10000000
//   BENCH_PG=postgres://… (or "off")
import { execFileSync, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { benchRecords } from './data.ts';
import { END } from './queries.ts';
import { IMPORT_PREFIX } from './scale-ledger.ts';

const dir = 'bench/out';
const IMPORT = 100_000;
mkdirSync(dir, { recursive: true });
const sizes = (value: string | undefined, fallback: string) =>
  (value ?? fallback).split(',').filter(Boolean).map(Number);
const pgUrl =
  process.env.BENCH_PG === 'off' ? null : (process.env.BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432/test');
type Engine = 'duckdb' | 'postgres';
// why: smallest sizes first, engines side by side, so a run stopped part way has whole rows.
const plan: [Engine, number][] = [
  ...sizes(process.env.SCALE_DUCKDB, '1000000,10000000,100000000').map((n): [Engine, number] => [
    'duckdb',
    n,
  ]),
  ...(pgUrl
    ? sizes(process.env.SCALE_PG, '1000000,10000000').map((n): [Engine, number] => ['postgres', n])
    : []),
].sort((a, b) => a[1] - b[1]);
const results: Record<string, unknown>[] = [];
// why: others work in the same checkout; the figures say which tree, and which uncommitted files, ran.
const git = (...args: string[]) => execFileSync('git', args, { encoding: 'utf8' }).trim();
const tree = {
  commit: git('rev-parse', '--short', 'HEAD'),
  uncommitted: git('status', '--short', '--', 'src').split('\n').filter(Boolean),
};
const save = () =>
  writeFileSync(
    `${dir}/scale.json`,
    JSON.stringify(
      {
        date: new Date().toISOString(),
        cpus: cpus().length,
        memoryGB: totalmem() / 2 ** 30,
        node: process.version,
        tree,
        results,
      },
      null,
      2,
    ),
  );

/** What a measuring child reports (see scale-child.ts); a child stopped part way leaves some of it. */
interface Measured {
  overview?: { p95: number };
  tagged?: { p95: number; runs: number };
  import?: { recordsPerSecond: number; writeRecordsPerSecond: number };
  bytesPerRecord?: number;
  queryPeakRssMB?: number;
  peakRssMB?: number;
  error?: string;
}

/**
 * Runs one step in a child process; its progress goes to stderr, its figures come back as JSON lines,
 * merged. A failed step returns what it measured before failing, with `error`.
 */
function child<T>(args: string[]): Promise<T & { error?: string }> {
  return new Promise((done) => {
    const p = spawn(process.execPath, ['bin/run-ts.js', 'bench/scale-child.ts', ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    p.stdout.on('data', (d) => {
      out += d;
    });
    p.on('close', (code, signal) => {
      const figures = out
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .reduce((all, line) => Object.assign(all, JSON.parse(line)), {} as T & { error?: string });
      if (code !== 0) figures.error = `scale-child ${args.slice(0, 3).join(' ')}: exit ${code ?? signal}`;
      done(figures);
    });
  });
}

/** The 100k records every size imports: one day of new records ending where the fill ends. */
async function importFile(): Promise<string> {
  const file = resolve(dir, `scale-import-${IMPORT}.jsonl`);
  if (existsSync(file)) return file;
  const out = createWriteStream(file);
  for (const record of benchRecords(IMPORT, END, 1, IMPORT_PREFIX)) {
    if (!out.write(`${JSON.stringify(record)}\n`)) await new Promise((r) => out.once('drain', r));
  }
  out.end();
  await new Promise((r) => out.once('finish', r));
  return file;
}

const fmt = (x: number | undefined, digits = 0) =>
  x === undefined ? '–' : x.toLocaleString('en-US', { maximumFractionDigits: digits });
const file = await importFile();
const rows: string[] = [];
for (const [engine, n] of plan) {
  const where = engine === 'duckdb' ? resolve(dir, `scale-${n}`) : `${pgUrl}|spendlens_scale_${n}`;
  console.error(`${engine} ${fmt(n)}: fill (reused when already full)…`);
  const fill = await child<{ seconds: number }>(['fill', engine, String(n), where]);
  const m: Measured = fill.error ? {} : await child<Measured>(['measure', engine, String(n), where, file]);
  results.push({ engine, records: n, at: new Date().toISOString(), fill, ...m });
  save();
  const imported = m.import
    ? `${fmt(m.import.recordsPerSecond)}/s (writes alone ${fmt(m.import.writeRecordsPerSecond)}/s)`
    : '–';
  rows.push(
    `| ${engine === 'duckdb' ? 'DuckDB' : 'PostgreSQL'} | ${fmt(n)} | ${fmt(m.overview?.p95, 1)} ms | ${fmt(m.tagged?.p95)} ms | ${imported} | ${fmt(m.bytesPerRecord, 1)} | ${fmt(m.queryPeakRssMB)} MB (${fmt(m.peakRssMB)} MB with the import) |${(fill.error ?? m.error) ? ` ${fill.error ?? m.error}` : ''}`,
  );
}
save();
console.log(`\nspendlens, how cost grows with volume, ${new Date().toISOString()}, ${cpus().length} CPUs\n`);
console.log(
  '| engine | records | overview p95 | tag-filtered raw query p95 | import of 100k more | bytes on disk / record | peak memory (queries) |',
);
console.log('|---|---|---|---|---|---|---|');
for (const row of rows) console.log(row);
console.log(`\nraw figures: ${dir}/scale.json`);
