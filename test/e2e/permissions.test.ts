import type { ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exited, randomPort, startServer } from '../helpers/cli.ts';

const TOKEN = 'permissions-token-0123456789';
const auth = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };

const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
});

const modeOf = (path: string) => (statSync(path).mode & 0o777).toString(8);

/** Starts `serve` on `dataDir`, writes records (so the WAL exists) and an API source (so the key file does). */
async function firstStart(cwd: string, dataDir: string) {
  const server = await startServer(['--port', String(randomPort()), '--data-dir', dataDir], {
    cwd,
    env: { SPENDLENS_ADMIN_TOKEN: TOKEN },
  });
  children.push(server.child);
  const records = [{ id: 'p-1', timestamp: '2026-11-20T12:00:00Z', provider: 'openai', model: 'gpt-4o' }];
  const posted = await fetch(`${server.url}/api/v1/usage`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify(records),
  });
  expect(posted.status).toBe(200);
  const source = await fetch(`${server.url}/api/v1/sources`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify({
      id: 'oa',
      kind: 'openai',
      key: 'sk-admin-0123456789',
      baseUrl: 'http://127.0.0.1:9/v1',
    }),
  });
  expect(source.status).toBe(201);
  return server;
}

describe('file permissions after a first start', () => {
  it('creates the data directory 0700 and its files 0600, the WAL and key file included', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'spendlens-modes-'));
    const dataDir = join(cwd, 'state', 'data');
    const server = await firstStart(cwd, dataDir);

    const files = ['spendlens.duckdb', 'spendlens.duckdb.wal', 'master.key', 'server.json'];
    for (const file of files) expect(existsSync(join(dataDir, file)), file).toBe(true);
    expect(modeOf(dataDir)).toBe('700');
    expect(modeOf(join(cwd, 'state'))).toBe('700');
    for (const file of files) expect([file, modeOf(join(dataDir, file))]).toEqual([file, '600']);

    server.child.kill('SIGTERM');
    expect(await exited(server.child)).toBe(0);
    expect(modeOf(join(dataDir, 'spendlens.duckdb'))).toBe('600');
  });

  it('leaves the mode of a directory the user made, and still keeps the files private', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'spendlens-modes-'));
    const dataDir = join(cwd, 'shared');
    mkdirSync(dataDir);
    chmodSync(dataDir, 0o750);
    const server = await firstStart(cwd, dataDir);

    expect(modeOf(dataDir)).toBe('750');
    for (const file of ['spendlens.duckdb', 'spendlens.duckdb.wal', 'master.key']) {
      expect([file, modeOf(join(dataDir, file))]).toEqual([file, '600']);
    }
    server.child.kill('SIGTERM');
    expect(await exited(server.child)).toBe(0);
  });
});
