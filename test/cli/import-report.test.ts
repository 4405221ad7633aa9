import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, exited, randomPort, startServer } from '../helpers/cli.ts';

const line = (over: Record<string, unknown>) =>
  JSON.stringify({
    timestamp: '2026-11-02T09:00:00Z',
    provider: 'anthropic',
    model: 'claude-sonnet-4-5',
    user: 'ana',
    team: 'research',
    inputTokens: 150_000,
    outputTokens: 20_000,
    ...over,
  });

describe('spendlens import and report', () => {
  let cwd: string;
  let jsonl: string;
  beforeAll(() => {
    cwd = mkdtempSync(join(tmpdir(), 'spendlens-cli-'));
    jsonl = join(cwd, 'usage.jsonl');
    writeFileSync(
      jsonl,
      [
        line({ id: 'a1' }),
        line({
          id: 'a2',
          timestamp: '2026-11-03T09:00:00Z',
          model: 'gpt-5',
          provider: 'openai',
          user: 'bo',
          team: 'platform',
        }),
        '',
        line({ id: 'bad-1', timestamp: '2026-11-02 09:00:00' }),
        '{oops',
        line({ id: 'bad-2', inputTokens: -1 }),
        line({ id: 'a3', timestamp: '2026-11-03T10:00:00Z', cost: '2.50', currency: 'USD' }),
      ].join('\n'),
    );
  });

  it('imports the valid lines and names each bad line with its number and the fix', async () => {
    const res = await cli(['import', jsonl], { cwd });
    expect(res.code).toBe(1);
    expect(res.stdout).toContain('6 records read, 3 added, 0 already in the ledger, 3 rejected');
    expect(res.stdout).toMatch(
      /line 4: timestamp: timestamp "2026-11-02 09:00:00" has no time zone: add "Z"/,
    );
    expect(res.stdout).toMatch(/line 5: \(line\): not valid JSON/);
    expect(res.stdout).toMatch(/line 6: inputTokens: must not be negative/);
  });

  it('adds nothing when the same file is imported again', async () => {
    const res = await cli(['import', jsonl, '--json'], { cwd });
    const summary = JSON.parse(res.stdout);
    expect(summary).toMatchObject({ read: 6, accepted: 0, duplicates: 3 });
    expect(summary.rejected.map((r: { line: number }) => r.line)).toEqual([4, 5, 6]);
  });

  it('imports CSV with tag columns', async () => {
    const csv = join(cwd, 'usage.csv');
    writeFileSync(
      csv,
      'id,timestamp,provider,model,user,inputTokens,outputTokens,tags.env\n' +
        'c1,2026-11-04T08:00:00Z,google,gemini-2.5-flash,chloe,2000000,400000,prod\n' +
        'c2,2026-11-04T08:00:00Z,google,gemini-2.5-flash,chloe,abc,1,prod\n',
    );
    const res = await cli(['import', csv, '--json'], { cwd });
    const summary = JSON.parse(res.stdout);
    expect(summary).toMatchObject({ read: 2, accepted: 1 });
    expect(summary.rejected).toEqual([
      { line: 3, errors: [{ path: 'inputTokens', message: expect.any(String) }] },
    ]);
  });

  it('prints a daily report table grouped by model, with exact totals', async () => {
    const res = await cli(
      ['report', '--by', 'day', '--group', 'model', '--since', '2026-11-01', '--until', '2026-11-05'],
      {
        cwd,
      },
    );
    expect(res.code).toBe(0);
    // sonnet 4.5: 150k × $3 + 20k × $15 per 1M = $0.75; gpt-5: 150k × $1.25 + 20k × $10 = $0.3875;
    // billed $2.50; gemini 2.5 flash: 2M × $0.30 + 400k × $2.50 = $1.60; total $5.2375
    expect(res.stdout).toContain('$5.24');
    expect(res.stdout).toMatchSnapshot();
  });

  it('answers --json with the report structure', async () => {
    const res = await cli(
      ['report', '--group', 'user', '--since', '2026-11-01', '--until', '2026-11-05', '--json'],
      { cwd },
    );
    const data = JSON.parse(res.stdout);
    expect(data.currency).toBe('USD');
    expect(data.totals.cost).toBe('5.237500');
    expect(
      Object.fromEntries(data.rows.map((r: { user: string; cost: string }) => [r.user, r.cost])),
    ).toEqual({
      ana: '3.250000',
      bo: '0.387500',
      chloe: '1.600000',
    });
  });

  it('says to use the server when a running server holds the ledger, and can go through it', async () => {
    const token = 'cli-server-token-0123456789';
    const server = await startServer(['--port', String(randomPort())], {
      cwd,
      env: { SPENDLENS_ADMIN_TOKEN: token },
    });
    try {
      const locked = await cli(['report'], { cwd });
      expect(locked.code).toBe(1);
      expect(locked.stderr).toContain(
        `held by the spendlens server (pid ${server.child.pid}) at ${server.url}`,
      );
      expect(locked.stderr).toContain('--server');
      expect(locked.stderr).not.toMatch(/Conflicting lock|IO Error/);
      const via = await cli(
        ['report', '--since', '2026-11-01', '--until', '2026-11-05', '--json', '--token', token],
        { cwd },
      );
      expect(JSON.parse(via.stdout).totals.cost).toBe('5.237500');
    } finally {
      server.child.kill('SIGTERM');
      await exited(server.child);
    }
  });
});
