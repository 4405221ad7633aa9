import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { cli } from '../../helpers/cli.ts';
import { generateClaudeLogs } from './generate.ts';

const run = promisify(execFile);
// why: ccusage 19's launcher refuses Node 20, but its Node entry point runs on it; 19 is its last TypeScript release.
const CCUSAGE = resolve(import.meta.dirname, '../../../node_modules/ccusage/dist/main.node.js');

interface ReportRow {
  bucket: string;
  cost: string;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
}

interface CcusageDay {
  period?: string;
  date?: string;
  totalCost: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheCreationTokens: number;
}

interface Day {
  day: string;
  cost: number;
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
}

describe('spendlens collect agrees with ccusage', () => {
  it('per-day costs within 1% and identical token counts on the same generated logs', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'spendlens-ccusage-'));
    const logs = join(cwd, 'claude');
    const home = join(cwd, 'home');
    mkdirSync(home);
    generateClaudeLogs(logs, { start: '2026-10-05T00:00:00Z', days: 7, seed: 7 });
    const env = { HOME: home, TZ: 'UTC', CLAUDE_CONFIG_DIR: logs, CODEX_HOME: join(home, 'no-codex') };

    const collected = await cli(['collect', '--once', '--settle', '0', '--user', 'dev@example.com'], {
      cwd,
      env,
    });
    expect(collected.code, collected.stderr).toBe(0);
    const report = await cli(
      ['report', '--by', 'day', '--since', '2026-10-01', '--until', '2026-10-20', '--tz', 'UTC', '--json'],
      { cwd, env },
    );
    const ours: Day[] = (JSON.parse(report.stdout).rows as ReportRow[]).map((r) => ({
      day: r.bucket.slice(0, 10),
      cost: Number(r.cost),
      input: r.inputTokens,
      output: r.outputTokens,
      cacheRead: r.cacheReadTokens,
      cacheWrite: r.cacheWriteTokens,
    }));

    const { stdout } = await run(
      process.execPath,
      [CCUSAGE, 'daily', '--json', '--offline', '--timezone', 'UTC'],
      {
        cwd,
        env: { ...process.env, ...env },
      },
    );
    const theirs: Day[] = (JSON.parse(stdout).daily as CcusageDay[]).map((d) => ({
      day: d.period ?? d.date ?? '',
      cost: d.totalCost,
      input: d.inputTokens,
      output: d.outputTokens,
      cacheRead: d.cacheReadTokens,
      cacheWrite: d.cacheCreationTokens,
    }));

    expect(ours.map((d) => d.day)).toEqual(theirs.map((d) => d.day));
    expect(ours).toHaveLength(7);
    for (const [i, day] of ours.entries()) {
      const other = theirs[i] as Day;
      expect({ ...day, cost: 0 }).toEqual({ ...other, cost: 0 });
      expect(Math.abs(day.cost - other.cost) / other.cost).toBeLessThan(0.01);
    }
    console.log(
      `ccusage comparison (USD per day, spendlens vs ccusage):\n${ours
        .map((d, i) => `  ${d.day}  ${d.cost.toFixed(6)}  ${theirs[i]?.cost.toFixed(6)}`)
        .join('\n')}`,
    );
  }, 120_000);
});
