import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { ensureAdminToken } from '../../src/app/auth.ts';
import type { AppContext } from '../../src/app/context.ts';
import { openContext } from '../../src/app/open.ts';
import { loadConfig } from '../../src/config/load.ts';
import { buildApp } from '../../src/present/http/app.ts';

export const TEST_TOKEN = 'test-admin-token-0123456789';

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  dataDir: string;
  auth: { authorization: string };
  close(): Promise<void>;
}

/** A real app on a fresh DuckDB file in a temp directory, driven in-process with `app.inject`. */
export async function startTestApp(
  env: Record<string, string> = {},
  now: () => Date = () => new Date(),
): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'spendlens-app-'));
  const config = loadConfig({ dataDir }, { SPENDLENS_ADMIN_TOKEN: TEST_TOKEN, ...env });
  const ctx = await openContext(config, now);
  await ensureAdminToken(ctx);
  const app = buildApp(ctx);
  await app.ready();
  return {
    app,
    ctx,
    dataDir,
    auth: { authorization: `Bearer ${TEST_TOKEN}` },
    async close() {
      await app.close();
      await ctx.store.close();
    },
  };
}
