import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../src/app/context.ts';
import type { UsageRecord } from '../../src/domain/record.ts';
import type { Gateway } from '../../src/gateway/proxy.ts';
import { type Engine, startTestApp, type TestApp } from '../helpers/app.ts';
import { startUpstream, type Upstream } from './upstream.ts';

export interface GatewayHarness {
  app: TestApp;
  upstream: Upstream;
  /** The gateway's address, e.g. http://127.0.0.1:41234 */
  url: string;
  /** A spendlens token with only the `gateway` scope. */
  key: string;
  /** Waits for every call's record, then lists the gateway's records, oldest first. */
  records(): Promise<UsageRecord[]>;
  close(): Promise<void>;
}

/** The provider keys the upstream must receive (never the client's spendlens key). */
export const PROVIDER_KEYS = {
  OPENAI_TEST_KEY: 'sk-test-openai-provider-key',
  ANTHROPIC_TEST_KEY: 'sk-ant-test-provider-key',
};

/**
 * A gateway listening on a real port in front of a replay upstream, with `toml` appended to a config
 * that names the two upstreams; `now` is the app's clock, `env` adds to its environment (e.g. another
 * instance's PostgreSQL schema).
 */
export async function startGateway(
  options: {
    toml?: string;
    now?: () => Date;
    engine?: Engine;
    upstream?: Upstream;
    env?: Record<string, string>;
  } = {},
): Promise<GatewayHarness> {
  const upstream = options.upstream ?? (await startUpstream());
  const dir = (await import('node:fs')).mkdtempSync(
    join((await import('node:os')).tmpdir(), 'spendlens-gw-'),
  );
  const file = join(dir, 'spendlens.toml');
  writeFileSync(
    file,
    `[[gateway.upstreams]]
id = "openai"
kind = "openai"
base_url = "${upstream.url}/v1"
key_env = "OPENAI_TEST_KEY"

[[gateway.upstreams]]
id = "anthropic"
kind = "anthropic"
base_url = "${upstream.url}/v1"
key_env = "ANTHROPIC_TEST_KEY"
${options.toml ?? ''}
`,
  );
  const app = await startTestApp(
    { SPENDLENS_CONFIG: file, ...PROVIDER_KEYS, ...options.env },
    options.now,
    options.engine,
  );
  await app.app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const made = await app.app.inject({
    method: 'POST',
    url: '/api/v1/tokens',
    headers: app.auth,
    payload: { scopes: ['gateway'], label: 'gateway test' },
  });
  const key = (made.json() as { token: string }).token;
  return {
    app,
    upstream,
    url,
    key,
    async records() {
      await gatewayOf(app.app).idle();
      return listGatewayRecords(app.ctx);
    },
    async close() {
      await app.close();
      if (!options.upstream) await upstream.close();
    },
  };
}

/** The gateway the app serves (decorated by its route). */
export function gatewayOf(app: FastifyInstance): Gateway {
  return (app as unknown as { gateway: Gateway }).gateway;
}

export async function listGatewayRecords(ctx: AppContext): Promise<UsageRecord[]> {
  const page = await ctx.usage.listUsage({
    org: ctx.config.org,
    limit: 1000,
    dimensions: { source: ['gateway'] },
  });
  return page.records.sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime() || (a.id < b.id ? -1 : 1));
}
