import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bedrockAdapter } from '../../../src/sources/bedrock/index.ts';
import { createHttpClient } from '../../../src/sources/http/client.ts';
import { createRateLimiter } from '../../../src/sources/http/rate-limit.ts';
import { DEFAULT_RETRY } from '../../../src/sources/http/retry.ts';
import { fixture, type Handler, type ReplayServer, startReplayServer } from '../../helpers/replay-server.ts';

const normal: Handler = (req) =>
  String(req.headers['x-amz-target']).endsWith('GetDimensionValues')
    ? { body: fixture('bedrock', 'services') }
    : { body: fixture('bedrock', 'cost-page2') };

describe('bedrock: what AWS answers with HTTP 400', () => {
  let server: ReplayServer;
  let sleeps: number[];
  beforeEach(async () => {
    sleeps = [];
    server = await startReplayServer(normal);
  });
  afterEach(() => server.close());

  const pull = () => {
    const sleep = async (ms: number) => void sleeps.push(ms);
    const http = createHttpClient({
      fetch,
      sleep,
      random: () => 0.5,
      now: () => new Date('2026-11-03T12:00:00Z'),
      limiter: createRateLimiter({ perMinute: 1_000, now: Date.now, sleep: async () => {} }),
      retry: DEFAULT_RETRY,
      timeoutMs: 5_000,
    });
    const ctx = {
      sourceId: 'aws',
      baseUrl: new URL(server.url),
      key: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      http,
      settings: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE' },
    };
    const window = {
      from: new Date('2026-11-02T00:00:00Z'),
      to: new Date('2026-11-03T00:00:00Z'),
      width: '1d' as const,
    };
    return bedrockAdapter.fetch(ctx, 'costs', window);
  };
  const first = (status: number, body: unknown): Handler => {
    let used = false;
    return (req) => {
      if (used) return normal(req);
      used = true;
      return { status, body };
    };
  };

  it('reads the period as whole UTC days, end exclusive, filtered to the Bedrock services by name', async () => {
    const out = await pull();
    expect(out.usage.map((u) => [u.model, u.cost])).toEqual([
      ['NovaPro-output-tokens', '0.8'],
      ['Claude Sonnet 4.5', '2.5'],
    ]);
    const cost = server.requests[1]?.body as Record<string, unknown>;
    expect(cost.TimePeriod).toEqual({ Start: '2026-11-02', End: '2026-11-03' });
    expect(cost.Filter).toEqual({
      Dimensions: {
        Key: 'SERVICE',
        Values: ['Amazon Bedrock', 'Claude Sonnet 4.5 (Amazon Bedrock Edition)'],
      },
    });
  });

  it('waits and tries again when throttled (LimitExceededException)', async () => {
    server.handle(
      first(400, { __type: 'com.amazon.awsinsights#LimitExceededException', message: 'Rate exceeded' }),
    );
    expect((await pull()).usage).toHaveLength(2);
    expect(sleeps).toEqual([5_000]);
  });

  it('fails at once on a refused key, naming the access key id and never the secret', async () => {
    server.handle(() => ({
      status: 400,
      body: {
        __type: 'UnrecognizedClientException',
        message: 'The security token included in the request is invalid.',
      },
    }));
    const error = await pull().catch((e: Error) => e);
    expect(error).toMatchObject({ name: 'PullError', kind: 'auth' });
    expect((error as Error).message).toContain('AKIAIOSFODNN7EXAMPLE');
    expect((error as Error).message).not.toContain('EXAMPLEKEY');
    expect(server.requests).toHaveLength(1);
  });

  it('reads nothing more when no service holds "Bedrock"', async () => {
    server.handle(() => ({ body: { DimensionValues: [], ReturnSize: 0, TotalSize: 0 } }));
    expect((await pull()).usage).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });
});
