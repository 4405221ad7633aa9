import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.ts';

const USERS = ['ana', 'bo', 'chen', 'dara', 'eli', 'fay', 'gus', 'hana', 'ivo', 'jun', 'kai', 'lea'];
const WEEK = ['--since', '2026-11-02', '--until', '2026-11-08'];

/** One record per user and day of the week 2-8 Nov, and a smaller week before it to compare with. */
function ledger(): string {
  const lines: string[] = [];
  USERS.forEach((user, u) => {
    for (let day = 26; day <= 39; day++) {
      const date = new Date(Date.UTC(2026, 9, day, 9 + (u % 8)));
      const thisWeek = date >= new Date('2026-11-02T00:00:00Z');
      lines.push(
        JSON.stringify({
          id: `${user}-${day}`,
          timestamp: date.toISOString(),
          provider: u % 3 === 0 ? 'openai' : 'anthropic',
          model: u % 3 === 0 ? 'gpt-5' : 'claude-sonnet-4-5',
          user,
          team: u < 6 ? 'research' : 'platform',
          project: `p${u % 4}`,
          inputTokens: 1000 * (u + 1),
          outputTokens: 100 * (u + 1),
          cost: ((thisWeek ? 1.25 : 1) * (12 - u) * 0.8).toFixed(2),
          currency: 'USD',
        }),
      );
    }
  });
  return lines.join('\n');
}

// why: each run is a real `spendlens` process on a loaded 2-core machine: seconds each.
describe('spendlens report output', { timeout: 240_000 }, () => {
  const cwd = mkdtempSync(join(tmpdir(), 'spendlens-report-'));
  const report = async (args: string[]) => {
    const run = await cli(['report', ...args], { cwd });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    return run.stdout;
  };

  beforeAll(async () => {
    writeFileSync(join(cwd, 'usage.jsonl'), ledger());
    const imported = await cli(['import', 'usage.jsonl'], { cwd });
    expect(imported.code).toBe(0);
  }, 120_000);

  it('says the period and the total once, the top ten of each breakdown, and how to see the rest', async () => {
    const text = await report(WEEK);
    expect(text.match(/Total/g)).toHaveLength(1);
    expect(text).toContain('… 2 more users: --all');
    expect(text).toMatchSnapshot();
  });

  it('shows every row with --all', async () => {
    const text = await report([...WEEK, '--all']);
    for (const user of USERS) expect(text).toMatch(new RegExp(`^${user} `, 'm'));
    expect(text).not.toContain('--all');
    expect(text).toMatchSnapshot();
  });

  it('answers --json with the period, exact totals and every row', async () => {
    const json = JSON.parse(await report([...WEEK, '--json'])) as {
      kind: string;
      period: { id: string; firstDay: string; lastDay: string; tz: string };
      totalCost: string;
      previousCost: string;
      byUser: { user: string; cost: string }[];
    };
    expect(json.kind).toBe('summary');
    expect(json.period).toMatchObject({
      id: 'custom',
      firstDay: '2026-11-02',
      lastDay: '2026-11-08',
      tz: 'UTC',
    });
    // 7 days × (12 + 11 + … + 1) × 0.8 × 1.25, and the week before at 0.8
    expect(json.totalCost).toBe('546.000000');
    expect(json.previousCost).toBe('436.800000');
    expect(json.byUser).toHaveLength(12);
    expect(json.byUser[0]).toMatchObject({ user: 'ana', cost: '84.000000' });
  });

  it('prints CSV for scripts: the summary, and rows grouped by user', async () => {
    expect(await report([...WEEK, '--csv'])).toMatchSnapshot();
    const rows = await report([...WEEK, '--group', 'user', '--csv']);
    expect(rows.trim().split('\n')).toHaveLength(1 + USERS.length);
    expect(rows).toMatchSnapshot();
  });

  it('folds the rows past the top ten into one line of a grouped table', async () => {
    expect(await report([...WEEK, '--group', 'user'])).toMatchSnapshot();
  });
});
