import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, exited, randomPort, startServer } from '../helpers/cli.ts';

const SLOW = 60_000;
const line = (id: string) =>
  JSON.stringify({ id, timestamp: '2026-11-02T09:00:00Z', provider: 'openai', model: 'gpt-4o', cost: '2.5' });

/** `spendlens usage void`: on the local store, and through a running server with an admin token. */
describe('spendlens usage void', () => {
  it('voids records on the local store, after a dry run, and says which ids it did not find', {
    timeout: SLOW,
  }, async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'spendlens-void-'));
    writeFileSync(join(cwd, 'usage.jsonl'), `${['a', 'b', 'c'].map(line).join('\n')}\n`);
    expect((await cli(['import', 'usage.jsonl'], { cwd })).code).toBe(0);
    const dry = await cli(['usage', 'void', 'a', 'b', 'zz', '--dry-run'], { cwd });
    expect(dry).toMatchObject({ code: 0, stdout: 'would void 2 records: a, b\nnot in the ledger: zz\n' });
    const done = await cli(['usage', 'void', 'a', 'b', '--reason', 'test data', '--json'], { cwd });
    expect(JSON.parse(done.stdout)).toEqual({ dryRun: false, voided: 2, ids: ['a', 'b'], missing: [] });
    const report = await cli(['report', '--since', '2026-11-01', '--until', '2026-11-03', '--json'], { cwd });
    expect(JSON.parse(report.stdout).totals).toMatchObject({ cost: '2.500000', requests: 1 });
  });

  it('voids through --server with an admin token', { timeout: SLOW }, async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'spendlens-void-remote-'));
    const admin = 'void-remote-admin-token-0123456789';
    const server = await startServer(['--port', String(randomPort())], {
      cwd,
      env: { SPENDLENS_ADMIN_TOKEN: admin },
    });
    try {
      const posted = await fetch(`${server.url}/api/v1/usage`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${admin}` },
        body: ['x', 'y'].map(line).join('\n'),
      });
      expect(posted.status).toBe(200);
      const via = await cli(['usage', 'void', 'x', '--server', server.url, '--token', admin], { cwd });
      expect(via).toMatchObject({ code: 0, stdout: 'voided 1 record: x\n' });
      const spend = await fetch(`${server.url}/api/v1/spend?from=2026-11-01&to=2026-11-03`, {
        headers: { authorization: `Bearer ${admin}` },
      });
      expect((await spend.json()).totals).toMatchObject({ cost: '2.500000', requests: 1 });
    } finally {
      server.child.kill('SIGTERM');
      await exited(server.child);
    }
  });
});
