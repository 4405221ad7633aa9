// `npm run bench`: measures spendlens against the DESIGN.md targets and prints figures and ratios.
// Options (env): BENCH_IMPORT=1000000 BENCH_QUERY_ROWS=10000000 BENCH_PG=postgres://… (or "off") BENCH_ONLY=import,http,queries,web,gateway
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { benchGateway } from './gateway.ts';
import { benchHttp } from './http.ts';
import { benchImport, benchImportPostgres, withBenchSchema } from './import.ts';
import { benchQueries } from './queries.ts';

const dir = 'bench/out';
mkdirSync(dir, { recursive: true });
const only = new Set((process.env.BENCH_ONLY ?? 'import,http,queries,web,gateway').split(','));
const pgUrl =
  process.env.BENCH_PG === 'off' ? null : (process.env.BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432/test');
const results: Record<string, unknown> = {
  date: new Date().toISOString(),
  cpus: cpus().length,
  node: process.version,
};
const rows: [string, string, string, string][] = [];
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits });
const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
// Figures are saved after each part, so a failure later in the run keeps what was measured.
const save = () => writeFileSync(`${dir}/results.json`, JSON.stringify(results, null, 2));

if (only.has('import')) {
  const n = Number(process.env.BENCH_IMPORT ?? 1_000_000);
  console.error(`import: ${fmt(n)} records…`);
  const r = await benchImport({ n, dir });
  results.import = r;
  save();
  rows.push([
    `bulk import, ${fmt(n)} records (DuckDB)`,
    `${fmt(r.recordsPerSecond)} records/s`,
    '≥ 250,000 records/s',
    `${verdict(r.recordsPerSecond >= 250_000)}; ${(r.recordsPerSecond / r.referenceRecordsPerSecond).toFixed(2)}× raw DuckDB read_json (${fmt(r.referenceRecordsPerSecond)}/s), ${(r.recordsPerSecond / r.keyedReferenceRecordsPerSecond).toFixed(2)}× read_json into a table with a unique id (${fmt(r.keyedReferenceRecordsPerSecond)}/s)`,
  ]);
  rows.push(['bulk import peak memory', `${fmt(r.peakRssMB)} MB`, '< 600 MB', verdict(r.peakRssMB < 600)]);
  if (pgUrl) {
    console.error(`import: ${fmt(n)} records into PostgreSQL…`);
    const p = await benchImportPostgres({ n, dir, url: pgUrl });
    results.importPostgres = p;
    save();
    rows.push([
      `bulk import, ${fmt(n)} records (PostgreSQL)`,
      `${fmt(p.recordsPerSecond)} records/s, ${fmt(p.peakRssMB)} MB peak`,
      '≥ 250,000 records/s',
      `${verdict(p.recordsPerSecond >= 250_000)}; ${(p.recordsPerSecond / r.recordsPerSecond).toFixed(2)}× DuckDB`,
    ]);
  }
}

if (only.has('http')) {
  const engines: [string, () => ReturnType<typeof benchHttp>][] = [['DuckDB', () => benchHttp()]];
  if (pgUrl)
    engines.push([
      'PostgreSQL',
      () => withBenchSchema(pgUrl, 'spendlens_bench_http', (schema) => benchHttp({ url: pgUrl, schema })),
    ]);
  for (const [engine, measure] of engines) {
    console.error(`http: batched and single-record ingest on ${engine}…`);
    const r = await measure();
    (results.http as Record<string, unknown>) = { ...(results.http as object), [engine]: r };
    save();
    for (const [on, perSecond] of [
      [4, r.batchedRecordsPerSecond],
      [8, r.batchedOn8RecordsPerSecond],
    ] as const)
      rows.push([
        `HTTP ingest, batches of 1,000 on ${on} connections (${engine})`,
        `${fmt(perSecond)} records/s`,
        '≥ 50,000 records/s',
        verdict(perSecond >= 50_000),
      ]);
    for (const [on, single] of [
      [16, r.singleAt2k],
      [64, r.singleAt2kOn64],
    ] as const)
      rows.push([
        `HTTP single-record posts at 2k/s offered on ${on} connections (${engine})`,
        `${fmt(single.requestsPerSecond)}/s, p99 ${single.p99} ms`,
        '2,000/s, p99 < 25 ms',
        verdict(single.requestsPerSecond >= 1900 && single.p99 < 25),
      ]);
    rows.push([
      `HTTP single-record posts, unthrottled (${engine})`,
      `${fmt(r.singleMax.requestsPerSecond)}/s, p99 ${r.singleMax.p99} ms`,
      '–',
      '–',
    ]);
  }
}

if (only.has('queries')) {
  const n = Number(process.env.BENCH_QUERY_ROWS ?? 10_000_000);
  console.error(`queries: ${fmt(n)} records (first run fills both stores)…`);
  const r = await benchQueries({ n, dir, postgresUrl: pgUrl });
  results.queries = r;
  save();
  rows.push([
    `overview at ${fmt(n)} records, DuckDB`,
    `p50 ${fmt(r.duckdb.p50, 1)} ms, p95 ${fmt(r.duckdb.p95, 1)} ms`,
    'p95 < 100 ms',
    `${verdict(r.duckdb.p95 < 100)}; ${(r.duckdb.p95 / r.reference.p95).toFixed(1)}× one raw GROUP BY (p95 ${fmt(r.reference.p95, 1)} ms)`,
  ]);
  if (r.postgres) {
    rows.push([
      `overview at ${fmt(n)} records, PostgreSQL`,
      `p50 ${fmt(r.postgres.p50, 1)} ms, p95 ${fmt(r.postgres.p95, 1)} ms`,
      'p95 < 300 ms',
      verdict(r.postgres.p95 < 300),
    ]);
  }
}

if (only.has('web')) {
  try {
    const { benchWeb } = await import('./web.ts');
    console.error('web: dashboard timings in Chromium…');
    const r = await benchWeb();
    results.web = r;
    save();
    for (const [k, v] of Object.entries(r)) rows.push([`dashboard: ${k}`, String(v), '', '']);
  } catch (error) {
    rows.push(['dashboard', `not measured: ${(error as Error).message}`, '', '']);
  }
}

if (only.has('gateway')) {
  console.error(
    'gateway: direct and through the gateway, plain and 200 concurrent streams, closed and open loop…',
  );
  const r = await benchGateway();
  results.gateway = r;
  save();
  const o = r.openLoop;
  for (const [label, m, open] of [
    ['no enforcing budget', r.unbudgeted, o.unbudgeted],
    ['a hard budget', r.hardBudget, o.hardBudget],
  ] as const) {
    rows.push([
      `gateway added latency, closed loop: plain calls, 16 clients back to back, ${label}`,
      `p50 +${m.plain.p50} ms, p99 +${m.plain.p99} ms`,
      'p99 < +2 ms',
      `${verdict(m.plain.p99 < 2)}; direct p50 ${m.plain.directP50} ms, p99 ${m.plain.directP99} ms`,
    ]);
    rows.push([
      `gateway added latency, closed loop: 200 clients streaming back to back (20 ms between events), ${label}`,
      `p50 +${m.streamed.p50} ms, p99 +${m.streamed.p99} ms; first byte p50 +${m.streamed.ttfbP50} ms`,
      'p99 < +2 ms; first byte within 1 ms',
      `${verdict(m.streamed.p99 < 2 && Math.abs(m.streamed.ttfbP50) <= 1)}; direct p50 ${m.streamed.directP50} ms, p99 ${m.streamed.directP99} ms`,
    ]);
    rows.push([
      `gateway added latency, open loop: plain calls offered at ${o.plainPerSecond}/s, ${label}`,
      `p50 +${open.plain.p50} ms, p99 +${open.plain.p99} ms; first byte p50 +${open.plain.ttfbP50} ms`,
      'p99 < +2 ms',
      `${verdict(open.plain.p99 < 2)}; direct p50 ${open.plain.directP50} ms, p99 ${open.plain.directP99} ms; ${open.plain.answered} of ${open.plain.offered} answered`,
    ]);
    rows.push([
      `gateway added latency, open loop: ${o.streams} streams open at once (~${Math.round((o.streamEventMs * 6) / 100) / 10} s each, started at ${open.streamed.startedPerSecond}/s), ${label}`,
      `p50 +${open.streamed.p50} ms, p99 +${open.streamed.p99} ms; first byte p50 +${open.streamed.ttfbP50} ms, p99 +${open.streamed.ttfbP99} ms`,
      'p99 < +2 ms; first byte within 1 ms',
      `${verdict(open.streamed.p99 < 2 && Math.abs(open.streamed.ttfbP50) <= 1)}; direct p50 ${open.streamed.directP50} ms, first byte p50 ${open.streamed.directTtfbP50} ms`,
    ]);
  }
}

writeFileSync(`${dir}/results.json`, JSON.stringify(results, null, 2));
console.log(`\nspendlens benchmark, ${results.date}, ${results.cpus} CPUs, Node ${results.node}\n`);
console.log('| measure | result | target | verdict / reference |\n|---|---|---|---|');
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
console.log(`\nraw figures: ${dir}/results.json`);
