// Gateway overhead: the same calls sent to the replay upstream directly and through a `spendlens serve`
// child process in front of it; what the gateway adds to latency and to the time to first byte. Two
// ways: closed loop (clients send back to back: 16 for plain calls, 200 for streams; what is measured
// includes the queue the gateway's own CPU builds on a small machine) and open loop (calls offered at a
// fixed rate, and 200 streams of a real answer's length open at once, each timed from when it was due).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Agent, request } from 'undici';
import { startUpstream, type Upstream } from '../test/gateway/upstream.ts';
import { exited, randomPort, startServer } from '../test/helpers/cli.ts';

const TOKEN = 'bench-token-0123456789abcdef';
const body = JSON.stringify({ model: 'gpt-4o', max_tokens: 64, messages: [{ role: 'user', content: 'hi' }] });
const streamBody = JSON.stringify({ ...JSON.parse(body), stream: true });
/**
 * A stream that asks for its usage chunk, as the gateway asks for it: the upstream then sends the same
 * events (and waits the same gaps between them) whether the gateway or the client asked.
 */
const streamWithUsageBody = JSON.stringify({
  ...JSON.parse(streamBody),
  stream_options: { include_usage: true },
});

interface Timings {
  /** Milliseconds from sending the request to the last byte of the answer. */
  total: number[];
  /** Milliseconds to the first byte of the answer body. */
  ttfb: number[];
}

/** One call, its first and last byte timed from `from` into `out`. */
async function timedCall(
  call: { url: string; key: string; payload: string; dispatcher: Agent },
  from: number,
  out: Timings,
): Promise<void> {
  const res = await request(`${call.url}/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${call.key}`, 'content-type': 'application/json' },
    body: call.payload,
    dispatcher: call.dispatcher,
  });
  if (res.statusCode !== 200)
    throw new Error(`gateway bench: HTTP ${res.statusCode}: ${await res.body.text()}`);
  let first = 0;
  for await (const _ of res.body) first ||= performance.now();
  out.ttfb.push(first - from);
  out.total.push(performance.now() - from);
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
    while (next++ < n) await timedCall({ url, key, payload, dispatcher }, performance.now(), out);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  await dispatcher.close();
  return out;
}

/**
 * Open loop: calls started on a fixed schedule, `rate` per second for `seconds`, whether or not earlier
 * ones have answered, each timed from the moment it was due (so a late start counts against it, not
 * hidden by the client waiting). Returns the timings and how many calls were offered.
 */
async function openLoop(
  url: string,
  key: string,
  payload: string,
  rate: number,
  seconds: number,
): Promise<Timings & { offered: number }> {
  const n = Math.round(rate * seconds);
  const dispatcher = new Agent({ connections: 1024, keepAliveTimeout: 30_000 });
  const out: Timings = { total: [], ttfb: [] };
  const one = (due: number) => timedCall({ url, key, payload, dispatcher }, due, out);
  const calls: Promise<void>[] = [];
  const t0 = performance.now() + 5;
  let sent = 0;
  while (sent < n) {
    const now = performance.now();
    // why: every call already due goes now; a timer that fires late does not drop calls or shift the schedule.
    while (sent < n && t0 + (sent * 1000) / rate <= now) {
      calls.push(one(t0 + (sent * 1000) / rate));
      sent++;
    }
    await new Promise((r) => setTimeout(r, 1));
  }
  await Promise.all(calls);
  await dispatcher.close();
  return { ...out, offered: n };
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

/**
 * The open-loop measure: plain calls offered at a fixed rate, and streams that last as long as a short
 * real answer (`STREAM_EVENT_MS` between events: about 2 s for the replayed answer's six events),
 * started at the rate that keeps `OPEN_STREAMS` of them open at once.
 */
export const OPEN_LOOP = {
  plainPerSecond: Number(process.env.BENCH_GATEWAY_RATE ?? 200),
  plainSeconds: 6,
  streams: 200,
  streamEventMs: 330,
  streamSeconds: 8,
};

/** What the gateway adds in the open loop: added p50/p99 of the whole call and of the first byte. */
function addedOpen(direct: Timings & { offered: number }, gateway: Timings & { offered: number }) {
  return {
    ...added(direct, gateway),
    ttfbP99: round(pct(gateway.ttfb, 99) - pct(direct.ttfb, 99)),
    directTtfbP50: round(pct(direct.ttfb, 50)),
    offered: gateway.offered,
    answered: gateway.total.length,
  };
}

/**
 * Open loop, direct and through the gateway: plain calls at a fixed rate, then 200 streams open at once
 * (each asking for its usage chunk directly too, so both ways the upstream sends the same events).
 */
async function measureOpen(upstream: Upstream, upstreamUrl: string, gatewayUrl: string, key: string) {
  const o = OPEN_LOOP;
  const step = async (
    what: string,
    url: string,
    k: string,
    payload: string,
    rate: number,
    seconds: number,
  ) => {
    const r = await openLoop(url, k, payload, rate, seconds);
    console.error(
      `  open loop, ${what}: ${r.total.length} of ${r.offered} calls offered at ${Math.round(rate)}/s answered`,
    );
    return r;
  };
  await step('warm-up gateway', gatewayUrl, key, body, o.plainPerSecond, 1);
  const plain = addedOpen(
    await step('plain direct', upstreamUrl, 'x', body, o.plainPerSecond, o.plainSeconds),
    await step('plain gateway', gatewayUrl, key, body, o.plainPerSecond, o.plainSeconds),
  );
  const before = upstream.eventDelayMs;
  upstream.eventDelayMs = o.streamEventMs;
  // Little's law: streams lasting d seconds started at n/d per second keep n open.
  const streamSeconds = (o.streamEventMs * 6) / 1000;
  const rate = o.streams / streamSeconds;
  try {
    const streamed = addedOpen(
      await step('streams direct', upstreamUrl, 'x', streamWithUsageBody, rate, o.streamSeconds),
      await step('streams gateway', gatewayUrl, key, streamBody, rate, o.streamSeconds),
    );
    return { plain, streamed: { ...streamed, startedPerSecond: Math.round(rate) } };
  } finally {
    upstream.eventDelayMs = before;
  }
}

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
    const unbudgetedOpen = await measureOpen(upstream, upstreamUrl, gatewayUrl, key);
    await admin('/api/v1/budgets', { id: 'bench-cap', period: 'month', amount: '1000000', enforce: 'hard' });
    const hardBudget = await measure(upstreamUrl, gatewayUrl, key);
    const hardBudgetOpen = await measureOpen(upstream, upstreamUrl, gatewayUrl, key);
    return {
      unbudgeted,
      hardBudget,
      openLoop: { ...OPEN_LOOP, unbudgeted: unbudgetedOpen, hardBudget: hardBudgetOpen },
    };
  } finally {
    server.child.kill('SIGTERM');
    await exited(server.child);
    await upstream.close();
  }
}
