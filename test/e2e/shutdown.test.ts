import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exited, randomPort, startServer } from '../helpers/cli.ts';
import { dropSchema, freshSchema, postgresReachable, TEST_DATABASE_URL } from '../helpers/postgres.ts';
import { type ReplayServer, startReplayServer } from '../helpers/replay-server.ts';

const TOKEN = 'shutdown-token-0123456789';
const auth = { authorization: `Bearer ${TOKEN}` };
const json = { ...auth, 'content-type': 'application/json' };

const providers: ReplayServer[] = [];
const children: ChildProcess[] = [];
const schemas: string[] = [];
afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  for (const p of providers) await p.close();
  for (const schema of schemas) await dropSchema(schema);
});

async function serveWithSource(cwd: string, storage: Record<string, string>) {
  const server = await startServer(['--port', String(randomPort())], {
    cwd,
    env: { SPENDLENS_ADMIN_TOKEN: TOKEN, OPENAI_ADMIN_KEY: 'sk-admin-test', ...storage },
  });
  children.push(server.child);
  return server;
}

async function until(done: () => boolean, what: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const engines = [
  { engine: 'duckdb', storage: async (): Promise<Record<string, string> | null> => ({}) },
  {
    engine: 'postgres',
    storage: async (): Promise<Record<string, string> | null> => {
      if (!(await postgresReachable('the PostgreSQL shutdown test'))) return null;
      const schema = freshSchema();
      schemas.push(schema);
      return { DATABASE_URL: TEST_DATABASE_URL, SPENDLENS_DATABASE_SCHEMA: schema };
    },
  },
];

describe.each(engines)(
  'SIGTERM while a source waits on Retry-After ($engine)',
  ({ storage: makeStorage }) => {
    it('exits 0 within 5 s and keeps the records acknowledged before it', async (t) => {
      const storage = await makeStorage();
      if (!storage) return t.skip();
      // A provider that throttles every request for a minute.
      const throttling = await startReplayServer(() => ({
        status: 429,
        headers: { 'retry-after': '60' },
        body: { error: { message: 'slow down' } },
      }));
      providers.push(throttling);
      const cwd = mkdtempSync(join(tmpdir(), 'spendlens-shutdown-'));
      writeFileSync(
        join(cwd, 'spendlens.toml'),
        `[[sources]]\nid = "openai-prod"\nkind = "openai"\nkey_env = "OPENAI_ADMIN_KEY"\nbase_url = "${throttling.url}/v1"\npoll = "1h"\n`,
      );
      const server = await serveWithSource(cwd, storage);

      // A manual sync: its first request is answered 429, so it waits a minute before the next.
      const sync = fetch(`${server.url}/api/v1/sources/openai-prod/sync`, { method: 'POST', headers: auth })
        .then((r) => r.status)
        .catch(() => 'closed');
      await until(
        () => server.output().includes('retry 1 in 60 s'),
        () => `the retry wait:\n${server.output()}`,
      );

      const records = Array.from({ length: 50 }, (_, i) => ({
        id: `term-${i}`,
        timestamp: '2026-11-20T12:00:00Z',
        provider: 'anthropic',
        model: 'claude-sonnet-4-5',
        inputTokens: 100,
        outputTokens: 10,
      }));
      const posted = await fetch(`${server.url}/api/v1/usage`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify(records),
      });
      expect(posted.status).toBe(200);

      const started = Date.now();
      server.child.kill('SIGTERM');
      const code = await Promise.race([
        exited(server.child),
        new Promise((r) => setTimeout(() => r('still running after 10 s'), 10_000)),
      ]);
      expect(code, server.output()).toBe(0);
      expect(Date.now() - started).toBeLessThan(5_000);
      // The sync request in flight got its answer before the server closed.
      expect(await sync).toBe(200);
      // The wait was cut short, not retried: one request reached the provider.
      expect(throttling.requests.length).toBe(1);

      throttling.handle(() => ({ status: 503 }));
      const again = await serveWithSource(cwd, storage);
      const res = await fetch(`${again.url}/api/v1/usage?from=2026-11-20&to=2026-11-21&limit=1000`, {
        headers: auth,
      });
      const body = (await res.json()) as { records: { id: string }[] };
      expect(body.records.map((r) => r.id).sort()).toEqual(records.map((r) => r.id).sort());
      // A sync cut short by shutdown is not recorded as the source failing.
      const status = await fetch(`${again.url}/api/v1/sources/openai-prod`, { headers: auth });
      expect(JSON.stringify(await status.json())).not.toContain('slow down');
      again.child.kill('SIGTERM');
      expect(await exited(again.child)).toBe(0);
    }, 60_000);
  },
);
