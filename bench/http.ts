// HTTP ingest: a real `spendlens serve` child process loaded by autocannon from this (second) process.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { exited, startServer } from '../test/helpers/cli.ts';
import { benchRecords } from './data.ts';

const TOKEN = 'bench-token-0123456789abcdef';

function bodies(count: number, perBody: number, prefix: string): string[] {
  const out: string[] = [];
  const records = benchRecords(count * perBody, new Date('2026-11-20T00:00:00Z'), 30, prefix);
  for (let b = 0; b < count; b++) {
    const batch = [];
    for (let i = 0; i < perBody; i++) batch.push(records.next().value);
    out.push(JSON.stringify(perBody === 1 ? batch[0] : batch));
  }
  return out;
}

async function load(url: string, list: string[], options: { connections: number; overallRate?: number }) {
  let next = 0;
  const result = await autocannon({
    url: `${url}/api/v1/usage`,
    connections: options.connections,
    overallRate: options.overallRate,
    amount: list.length,
    requests: [
      {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        setupRequest: (req) => ({ ...req, body: list[next++ % list.length] }),
      },
    ],
  });
  return {
    // why: autocannon's average is over whole seconds, and the last second of a short run is partial.
    requestsPerSecond: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    seconds: result.duration,
  };
}

/** Ingest through a real server on DuckDB, or on PostgreSQL (`postgres`: its URL and a fresh schema). */
export async function benchHttp(postgres?: { url: string; schema: string }) {
  const cwd = mkdtempSync(join(tmpdir(), 'spendlens-bench-http-'));
  const port = 20_000 + Math.floor(Math.random() * 30_000);
  const store: Record<string, string> = postgres
    ? { DATABASE_URL: postgres.url, SPENDLENS_DATABASE_SCHEMA: postgres.schema }
    : {};
  const server = await startServer(['--port', String(port)], {
    cwd,
    env: { SPENDLENS_ADMIN_TOKEN: TOKEN, ...store },
  });
  try {
    const batchSize = 1000;
    const batched = await load(server.url, bodies(300, batchSize, 'batch'), { connections: 4 });
    // why: with 4 senders the server often waits for the next batch to arrive; 8 keep its writer busy.
    const batchedOn8 = await load(server.url, bodies(300, batchSize, 'batch8'), { connections: 8 });
    const singles = bodies(20_000, 1, 'single');
    const steady = await load(server.url, singles.slice(0, 7_000), { connections: 16, overallRate: 2000 });
    // why: 2,000 posts/s answered within 25 ms are up to 50 in flight (Little's law): on 16 connections
    // the client caps the rate whenever a post takes over 8 ms, so the same rate is offered on 64 too.
    const wide = await load(server.url, singles.slice(7_000, 14_000), { connections: 64, overallRate: 2000 });
    const max = await load(server.url, singles.slice(14_000), { connections: 32 });
    return {
      batchedRecordsPerSecond: batched.requestsPerSecond * batchSize,
      batched,
      batchedOn8RecordsPerSecond: batchedOn8.requestsPerSecond * batchSize,
      batchedOn8,
      singleAt2k: steady,
      singleAt2kOn64: wide,
      singleMax: max,
    };
  } finally {
    server.child.kill('SIGTERM');
    await exited(server.child);
  }
}
