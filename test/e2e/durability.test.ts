import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDuckDbStore } from '../../src/store/duckdb/store.ts';
import { exited, randomPort, startServer } from '../helpers/cli.ts';

const TOKEN = 'durability-token-0123456789';

describe('acknowledged records survive kill -9', () => {
  it('keeps every record answered with 2xx when the server is killed right after', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'spendlens-kill-'));
    const server = await startServer(['--port', String(randomPort())], {
      cwd,
      env: { SPENDLENS_ADMIN_TOKEN: TOKEN },
    });
    const acknowledged: string[] = [];
    for (let batch = 0; batch < 5; batch++) {
      const records = Array.from({ length: 200 }, (_, i) => ({
        id: `k-${batch}-${i}`,
        timestamp: '2026-11-20T12:00:00Z',
        provider: 'anthropic',
        model: 'claude-sonnet-4-5',
        inputTokens: 100,
        outputTokens: 10,
      }));
      const res = await fetch(`${server.url}/api/v1/usage`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify(records),
      });
      expect(res.status).toBe(200);
      acknowledged.push(...records.map((r) => r.id));
    }
    server.child.kill('SIGKILL');
    await exited(server.child);

    const store = await openDuckDbStore(join(cwd, 'data', 'spendlens.duckdb'));
    await store.migrate();
    expect(await store.countUsage('default')).toBe(acknowledged.length);
    await store.close();
  });

  it('shuts down cleanly on SIGTERM', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'spendlens-term-'));
    const server = await startServer(['--port', String(randomPort())], {
      cwd,
      env: { SPENDLENS_ADMIN_TOKEN: TOKEN },
    });
    server.child.kill('SIGTERM');
    expect(await exited(server.child)).toBe(0);
    expect(server.output()).toContain('SIGTERM: finishing in-flight requests');
  });
});
