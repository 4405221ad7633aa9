import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { ensureAdminToken } from '../../src/app/auth.ts';
import type { AppContext } from '../../src/app/context.ts';
import { openContext } from '../../src/app/open.ts';
import { loadConfig } from '../../src/config/load.ts';
import { buildApp } from '../../src/present/http/app.ts';
import { dropSchema, freshSchema, postgresReachable, TEST_DATABASE_URL } from './postgres.ts';

export const TEST_TOKEN = 'test-admin-token-0123456789';

export type Engine = 'duckdb' | 'postgres';

/** The engines to run HTTP suites on: DuckDB always, PostgreSQL when it answers (always in CI). */
export async function testEngines(what: string): Promise<Engine[]> {
  return (await postgresReachable(what)) ? ['duckdb', 'postgres'] : ['duckdb'];
}

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  dataDir: string;
  auth: { authorization: string };
  close(): Promise<void>;
}

/** A real app on a fresh store (a DuckDB file in a temp directory, or a PostgreSQL schema), driven with `app.inject`. */
export async function startTestApp(
  env: Record<string, string> = {},
  now: () => Date = () => new Date(),
  engine: Engine = 'duckdb',
): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'spendlens-app-'));
  const schema = engine === 'postgres' ? freshSchema() : null;
  const storage = schema ? { DATABASE_URL: TEST_DATABASE_URL, SPENDLENS_DATABASE_SCHEMA: schema } : {};
  const config = loadConfig({ dataDir }, { SPENDLENS_ADMIN_TOKEN: TEST_TOKEN, ...storage, ...env });
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
      if (schema) await dropSchema(schema);
    },
  };
}
