import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { azureOpenaiAdapter } from '../../../src/sources/azure-openai/index.ts';
import { createHttpClient } from '../../../src/sources/http/client.ts';
import { createRateLimiter } from '../../../src/sources/http/rate-limit.ts';
import { DEFAULT_RETRY } from '../../../src/sources/http/retry.ts';
import {
  fixture,
  type Handler,
  inTurn,
  type ReplayServer,
  type Reply,
  startReplayServer,
} from '../../helpers/replay-server.ts';

const page2 = fixture('azure-openai', 'query-page2');

describe('azure-openai: waits, empty answers and where nextLink may go', () => {
  let server: ReplayServer;
  let sleeps: number[];
  beforeEach(async () => {
    sleeps = [];
    server = await startReplayServer(() => ({ body: page2 }));
  });
  afterEach(() => server.close());

  const pull = (extra: Record<string, unknown> = {}) => {
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
    const settings = { scope: 'subscriptions/00000000-0000-0000-0000-000000000000', ...extra };
    const ctx = { sourceId: 'az', baseUrl: new URL(server.url), key: 'eyJ0eXAiOiJKV1Q', http, settings };
    const window = {
      from: new Date('2026-11-02T00:00:00Z'),
      to: new Date('2026-11-02T13:00:00Z'),
      width: '1d' as const,
    };
    return azureOpenaiAdapter.fetch(ctx, 'costs', window);
  };
  const first = (reply: Reply): Handler => inTurn([reply], () => ({ body: page2 }));

  it('asks for whole UTC days, daily, filtered to the Azure OpenAI services, grouped by meter and resource', async () => {
    expect((await pull()).usage).toHaveLength(2);
    const body = server.requests[0]?.body as { timePeriod: unknown; dataset: Record<string, unknown> };
    expect(body.timePeriod).toEqual({ from: '2026-11-02T00:00:00Z', to: '2026-11-02T23:59:59Z' });
    expect(body.dataset.granularity).toBe('Daily');
    expect(body.dataset.grouping).toEqual([
      { type: 'Dimension', name: 'Meter' },
      { type: 'Dimension', name: 'ResourceId' },
    ]);
  });

  it("waits as long as Azure's x-ms-ratelimit retry-after header says when there is no Retry-After", async () => {
    server.handle(
      first({
        status: 429,
        headers: {
          'x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after': '12',
          'x-ms-ratelimit-microsoft.costmanagement-entity-retry-after': '30',
        },
        body: { error: { code: '429', message: 'Too many requests. Please retry.' } },
      }),
    );
    expect((await pull()).usage).toHaveLength(2);
    expect(sleeps).toEqual([30_000]);
  });

  it('takes a 204 with no body as a day without cost', async () => {
    server.handle(() => ({ status: 204, body: '' }));
    expect((await pull()).usage).toEqual([]);
  });

  it('refuses a nextLink to another host, which would be sent the token', async () => {
    const p = JSON.parse(JSON.stringify(page2)) as { properties: { nextLink: string | null } };
    p.properties.nextLink = 'https://attacker.example/query?$skiptoken=x';
    server.handle(() => ({ body: p }));
    await expect(pull()).rejects.toThrow(/nextLink to another host \(attacker\.example\)/);
    expect(server.requests).toHaveLength(1);
  });

  it('signs in as an app registration with the key as its client secret, then queries with that token', async () => {
    server.handle((req) =>
      req.path.endsWith('/oauth2/v2.0/token')
        ? {
            body: {
              token_type: 'Bearer',
              expires_in: 3599,
              ext_expires_in: 3599,
              access_token: 'eyJ0eXAi.app',
            },
          }
        : { body: page2 },
    );
    const app = { tenantId: 'contoso.onmicrosoft.com', clientId: '11111111-2222-3333-4444-555555555555' };
    expect((await pull({ ...app, authorityUrl: server.url })).usage).toHaveLength(2);
    const [token, query] = server.requests;
    expect(token?.path).toBe('/contoso.onmicrosoft.com/oauth2/v2.0/token');
    expect(Object.fromEntries(new URLSearchParams(String(token?.body)))).toEqual({
      grant_type: 'client_credentials',
      client_id: '11111111-2222-3333-4444-555555555555',
      client_secret: 'eyJ0eXAiOiJKV1Q',
      scope: 'https://management.azure.com/.default',
    });
    expect(query?.headers.authorization).toBe('Bearer eyJ0eXAi.app');
  });

  it('fails at once when Entra ID refuses the client secret, naming the tenant and client', async () => {
    server.handle(() => ({
      status: 400,
      body: { error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret provided.' },
    }));
    const app = { tenantId: 'contoso.onmicrosoft.com', clientId: '11111111-2222-3333-4444-555555555555' };
    const error = await pull({ ...app, authorityUrl: server.url }).catch((e: Error) => e);
    expect(error).toMatchObject({ name: 'PullError', kind: 'auth' });
    expect((error as Error).message).toMatch(/client 11111111-2222-3333-4444-555555555555 of tenant contoso/);
    expect((error as Error).message).not.toContain('eyJ0eXAiOiJKV1Q');
    expect(server.requests).toHaveLength(1);
  });
});
