import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient } from '../../../src/sources/http/client.ts';
import { createRateLimiter } from '../../../src/sources/http/rate-limit.ts';
import { DEFAULT_RETRY } from '../../../src/sources/http/retry.ts';

// A provider that never answers /hang and throttles /throttled for a minute.
let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/hang') return;
    res.writeHead(429, { 'retry-after': '60' }).end('{}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

function client(signal: AbortSignal) {
  const realSleep = (ms: number, s?: AbortSignal) => sleep(ms, undefined, { signal: s });
  return createHttpClient({
    fetch,
    sleep: realSleep,
    random: () => 0.5,
    now: () => new Date(),
    limiter: createRateLimiter({ perMinute: 100, now: () => Date.now(), sleep: realSleep }),
    retry: DEFAULT_RETRY,
    timeoutMs: 30_000,
    signal,
  });
}

/** How long `getJson` took to give up once the signal aborted 100 ms in, and with what. */
async function abortedAfter100ms(path: string) {
  const shutdown = new AbortController();
  setTimeout(() => shutdown.abort(), 100);
  const started = Date.now();
  const error = await client(shutdown.signal)
    .getJson(new URL(path, base), { headers: {}, credential: 'k' })
    .catch((e: Error) => e);
  return { error, ms: Date.now() - started };
}

describe('the HTTP client on shutdown', () => {
  it('abandons a request the provider never answers', async () => {
    const { error, ms } = await abortedAfter100ms('/hang');
    expect((error as Error).name).toBe('AbortError');
    expect(ms).toBeLessThan(1_000);
  });

  it('cuts a Retry-After wait short instead of retrying', async () => {
    const { error, ms } = await abortedAfter100ms('/throttled');
    expect((error as Error).name).toBe('AbortError');
    expect(ms).toBeLessThan(1_000);
  });
});
