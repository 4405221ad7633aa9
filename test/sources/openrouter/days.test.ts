import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHttpClient } from '../../../src/sources/http/client.ts';
import { createRateLimiter } from '../../../src/sources/http/rate-limit.ts';
import { DEFAULT_RETRY } from '../../../src/sources/http/retry.ts';
import { openrouterAdapter } from '../../../src/sources/openrouter/index.ts';
import { fixture, type ReplayServer, startReplayServer } from '../../helpers/replay-server.ts';

describe('openrouter: which days it asks for', () => {
  let server: ReplayServer;
  beforeEach(async () => {
    server = await startReplayServer((req) =>
      req.path === '/keys' && req.query.get('offset') === '0'
        ? { body: fixture('openrouter', 'keys-page1') }
        : { body: { data: [] } },
    );
  });
  afterEach(() => server.close());

  const fetchWindow = (from: string, to: string) => {
    const sleep = async () => {};
    const http = createHttpClient({
      fetch,
      sleep,
      random: () => 0.5,
      now: () => new Date(to),
      limiter: createRateLimiter({ perMinute: 1_000, now: Date.now, sleep }),
      retry: DEFAULT_RETRY,
      timeoutMs: 5_000,
    });
    const ctx = { sourceId: 'or', baseUrl: new URL(server.url), key: 'k', http, settings: {} };
    return openrouterAdapter.fetch(ctx, 'usage', { from: new Date(from), to: new Date(to), width: '1d' });
  };
  const asked = () =>
    server.requests
      .filter((r) => r.path === '/activity')
      .map((r) => `${r.query.get('date')} ${r.query.get('api_key_hash')?.slice(0, 4)}`);

  it('asks each completed UTC day once per key, and leaves the day still running to the next sync', async () => {
    await fetchWindow('2026-11-01T00:00:00Z', '2026-11-03T12:00:00Z');
    expect(asked()).toEqual(['2026-11-01 3f2a', '2026-11-01 7c0e', '2026-11-02 3f2a', '2026-11-02 7c0e']);
    // why: a disabled key's past days still cost; the list must hold it.
    expect(
      server.requests.filter((r) => r.path === '/keys').map((r) => r.query.get('include_disabled')),
    ).toEqual(['true', 'true']);
  });

  it('reads the last day of a window that ends at midnight', async () => {
    await fetchWindow('2026-11-01T00:00:00Z', '2026-11-02T00:00:00Z');
    expect(asked()).toEqual(['2026-11-01 3f2a', '2026-11-01 7c0e']);
  });
});
