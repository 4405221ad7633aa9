import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { cli } from '../../helpers/cli.ts';

const run = promisify(execFile);
// why: ccusage 20 is a native binary behind a Node launcher; `ccusage-native` is ccusage 20.0.20, the newest
// release whose binaries for every platform are on npm (later ones publish linux-x64 only, or none, and a
// lockfile missing the other platforms fails `npm ci`), installed beside the TypeScript ccusage 19 that the
// Claude Code comparison runs. `--offline` prices from the LiteLLM snapshot inside the binary.
const CCUSAGE = resolve(import.meta.dirname, '../../../node_modules/ccusage-native/src/cli.js');
const FIXTURE = join(import.meta.dirname, '../../fixtures/codex/replays');

interface ReportRow {
  bucket: string;
  model: string;
  cost: string;
  inputTokens: number;
  cacheReadTokens: number;
  outputTokens: number;
  reasoningTokens: number;
}

interface CcusageTokens {
  inputTokens: number;
  cacheReadTokens: number;
  outputTokens: number;
  reasoningOutputTokens: number;
}

interface CcusageDay {
  date: string;
  costUSD: number;
  models: Record<string, CcusageTokens>;
}

type Tokens = Record<string, { input: number; cached: number; output: number; reasoning: number }>;

describe('spendlens collect agrees with ccusage on Codex logs', () => {
  it('per day and model the same tokens, and the same cost, on forked, resumed, sub-agent and archived sessions', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'spendlens-ccusage-codex-'));
    const home = join(cwd, 'home');
    mkdirSync(home);
    cpSync(FIXTURE, join(cwd, 'codex'), { recursive: true });
    const env = {
      HOME: home,
      TZ: 'UTC',
      CODEX_HOME: join(cwd, 'codex'),
      CLAUDE_CONFIG_DIR: join(cwd, 'none'),
    };

    const collected = await cli(['collect', '--once', '--settle', '0', '--user', 'dev@example.com'], {
      cwd,
      env,
    });
    expect(collected.code, collected.stderr).toBe(0);
    const report = await cli(
      [
        'report',
        '--by',
        'day',
        '--group',
        'model',
        '--since',
        '2026-10-20',
        '--until',
        '2026-11-05',
        '--tz',
        'UTC',
        '--json',
      ],
      { cwd, env },
    );
    expect(report.code, report.stderr).toBe(0);
    const rows = JSON.parse(report.stdout).rows as ReportRow[];
    const ours: Record<string, Tokens> = {};
    const ourCost: Record<string, number> = {};
    for (const r of rows) {
      const day = r.bucket.slice(0, 10);
      ours[day] = {
        ...ours[day],
        [r.model]: tokens(r.inputTokens, r.cacheReadTokens, r.outputTokens, r.reasoningTokens),
      };
      ourCost[day] = (ourCost[day] ?? 0) + Number(r.cost);
    }

    const { stdout } = await run(
      process.execPath,
      [CCUSAGE, 'codex', 'daily', '--json', '--offline', '--timezone', 'UTC'],
      { cwd, env: { ...process.env, ...env } },
    );
    const days = JSON.parse(stdout).daily as CcusageDay[];
    const theirs: Record<string, Tokens> = {};
    for (const d of days) {
      theirs[d.date] = Object.fromEntries(
        Object.entries(d.models).map(([model, t]) => [
          model,
          tokens(t.inputTokens, t.cacheReadTokens, t.outputTokens, t.reasoningOutputTokens),
        ]),
      );
    }

    expect(ours).toEqual(theirs);
    for (const d of days) expect(Math.abs((ourCost[d.date] ?? 0) - d.costUSD)).toBeLessThan(0.000001);
    // Pinned by hand at list prices per 1M tokens (gpt-5: $1.25 input, $0.125 cached, $10 output;
    // gpt-5-mini: $0.25, $0.025, $2), from the per-model totals in replays.test.ts:
    //   gpt-5:      31,000 × 1.25 + 66,000 × 0.125 + 4,400 × 10 = $0.0910000
    //   gpt-5-mini:  6,000 × 0.25 +  3,500 × 0.025 +   900 × 2  = $0.0033875, in all $0.0943875
    expect(days.reduce((sum, d) => sum + d.costUSD, 0)).toBeCloseTo(0.0943875, 9);
    expect(Object.values(ourCost).reduce((a, b) => a + b, 0)).toBeCloseTo(0.0943875, 5);
    console.log(
      `ccusage comparison (Codex, USD per day, spendlens vs ccusage):\n${days
        .map((d) => `  ${d.date}  ${(ourCost[d.date] ?? 0).toFixed(6)}  ${d.costUSD.toFixed(7)}`)
        .join('\n')}`,
    );
  }, 120_000);
});

function tokens(input: number, cached: number, output: number, reasoning: number) {
  return { input, cached, output, reasoning };
}
