// Gateway overhead: the same calls sent to the replay upstream directly and through a `spendlens serve`
// child process in front of it; what the gateway adds to latency and to the time to first byte.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Agent, request } from 'undici';
import { startUpstream } from '../test/gateway/upstream.ts';
import { exited, randomPort, startServer } from '../test/helpers/cli.ts';

const TOKEN = 'bench-token-0123456789abcdef';
const body = JSON.stringify({ model: 'gpt-4o', max_tokens: 64, messages: [{ role: 'user', content: 'hi' }] });
const streamBody = JSON.stringify({ ...JSON.parse(body), stream: true });

interface Timings {
  /** Milliseconds from sending the request to the last byte of the answer. */
  total: number[];
  /** Milliseconds to the first byte of the answer body. */
  ttfb: number[];
}

/** `n` calls, `concurrency` at a time, each timed to its first and last byte. */
async function run(
  url: string,
  key: string,
  payload: string,
  n: number,
  concurrency: number,
): Promise<Timings> {
  const dispatcher = new Agent({ connections: concurrency, keepAliveTimeout: 30_000 });
  const out: Timings = { total: [], ttfb: [] };
  let next = 0;
  const worker = async () => {
    while (next++ < n) {
      const t0 = performance.now();
      const res = await request(`${url}/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: payload,
        dispatcher,
      });
      if (res.statusCode !== 200)
        throw new Error(`gateway bench: HTTP ${res.statusCode}: ${await res.body.text()}`);
      let first = 0;
      for await (const _ of res.body) first ||= performance.now();
      out.ttfb.push(first - t0);
      out.total.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  await dispatcher.close();
  return out;
}

function pct(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

const round = (n: number) => Math.round(n * 100) / 100;

/** What the gateway adds over the direct call: p50 and p99 of the whole call and of the first byte. */
function added(direct: Timings, gateway: Timings) {
  return {
    p50: round(pct(gateway.total, 50) - pct(direct.total, 50)),
    p99: round(pct(gateway.total, 99) - pct(direct.total, 99)),
    ttfbP50: round(pct(gateway.ttfb, 50) - pct(direct.ttfb, 50)),
    directP50: round(pct(direct.total, 50)),
    directP99: round(pct(direct.total, 99)),
  };
}

/** Calls per measured run (`BENCH_GATEWAY_CALLS`). */
const CALLS = Number(process.env.BENCH_GATEWAY_CALLS ?? 2000);

/** Direct and through the gateway, warmed up first, for plain calls and for 200 concurrent streams. */
async function measure(upstreamUrl: string, gatewayUrl: string, key: string) {
  const step = async (what: string, url: string, k: string, payload: string, n: number, c: number) => {
    const t0 = performance.now();
    const r = await run(url, k, payload, n, c);
    console.error(`  ${what}: ${n} calls in ${Math.round(performance.now() - t0)} ms`);
    return r;
  };
  await step('warm-up direct', upstreamUrl, 'x', body, 200, 16);
  await step('warm-up gateway', gatewayUrl, key, body, 200, 16);
  const plain = added(
    await step('plain direct', upstreamUrl, 'x', body, CALLS, 16),
    await step('plain gateway', gatewayUrl, key, body, CALLS, 16),
  );
  const streamed = added(
    await step('streams direct', upstreamUrl, 'x', streamBody, CALLS, 200),
    await step('streams gateway', gatewayUrl, key, streamBody, CALLS, 200),
  );
  return { plain, streamed };
}

export async function benchGateway() {
  const upstream = await startUpstream();
  upstream.uniqueIds = true;
  // why: tokens arrive spaced out, as a model streams them; 200 streams then overlap.
  upstream.eventDelayMs = 20;
  const cwd = mkdtempSync(join(tmpdir(), 'spendlens-bench-gw-'));
  const config = join(cwd, 'spendlens.toml');
  writeFileSync(
    config,
    `[[gateway.upstreams]]\nid = "openai"\nkind = "openai"\nbase_url = "${upstream.url}/v1"\nkey_env = "OPENAI_TEST_KEY"\n`,
  );
  const server = await startServer(['--port', String(randomPort())], {
    cwd,
    env: { SPENDLENS_ADMIN_TOKEN: TOKEN, SPENDLENS_CONFIG: config, OPENAI_TEST_KEY: 'sk-bench' },
  });
  const admin = (path: string, payload: unknown) =>
    request(`${server.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify(payload),
    }).then((r) => r.body.json() as Promise<{ token?: string }>);
  try {
    const key = (await admin('/api/v1/tokens', { scopes: ['gateway'], label: 'bench' })).token ?? '';
    const gatewayUrl = `${server.url}/proxy/openai/v1`;
    const upstreamUrl = `${upstream.url}/v1`;
    const unbudgeted = await measure(upstreamUrl, gatewayUrl, key);
    await admin('/api/v1/budgets', { id: 'bench-cap', period: 'month', amount: '1000000', enforce: 'hard' });
    const hardBudget = await measure(upstreamUrl, gatewayUrl, key);
    return { unbudgeted, hardBudget };
  } finally {
    server.child.kill('SIGTERM');
    await exited(server.child);
    await upstream.close();
  }
}
