import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openContext } from '../../src/app/open.ts';
import { loadConfig } from '../../src/config/load.ts';
import { lockHolder } from '../../src/present/cli/open.ts';
import { cli, exited, randomPort, startServer } from '../helpers/cli.ts';

describe('spendlens serve, starting', { timeout: 120_000 }, () => {
  it('prints the dashboard address on the first start', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'spendlens-serve-'));
    const server = await startServer(['--port', String(randomPort())], { cwd });
    try {
      await expect.poll(server.output, { timeout: 30_000 }).toContain('admin token');
      expect(server.output()).toContain(`  dashboard: ${server.url}/\n`);
      expect((await fetch(`${server.url}/`)).headers.get('content-type')).toContain('text/html');
    } finally {
      server.child.kill('SIGTERM');
      await exited(server.child);
    }
  });

  it('names the process that holds the data directory', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'spendlens-serve-held-'));
    // this test's own process holds the ledger, as a long `spendlens import` would
    const ctx = await openContext(loadConfig({ dataDir: join(cwd, 'data') }, {}));
    try {
      const run = await cli(['serve', '--port', String(randomPort())], { cwd });
      expect(run.code).not.toBe(0);
      expect(run.stderr).toContain(`is held by another process (pid ${process.pid}: `);
      expect(run.stderr).toContain('Stop that process, or point --data-dir at another directory.');
    } finally {
      await ctx.store.close();
    }
  });
});

describe('the holder of a locked ledger', () => {
  it("is read from DuckDB's lock error, or left unnamed when it does not say", () => {
    const duckdb = new Error(
      'IO Error: Could not set lock on file "/d/spendlens.duckdb": Conflicting lock is held in /usr/bin/node (PID 4242). See also https://duckdb.org/docs/stable/connect/concurrency',
    );
    expect(lockHolder(duckdb)).toBe('another process (pid 4242: /usr/bin/node)');
    expect(lockHolder(new Error('database is locked'))).toBe('another process');
    expect(lockHolder(undefined)).toBe('another process');
  });
});
