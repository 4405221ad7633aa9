import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.ts';

const json = (over: Record<string, unknown>) =>
  JSON.stringify({ timestamp: '2026-11-02T09:00:00Z', provider: 'openai', model: 'gpt-4o', ...over });

/** The ledger's rows by model over the test days, as `spendlens report --json` prints them. */
async function byModel(cwd: string): Promise<Record<string, Record<string, unknown>>> {
  const res = await cli(
    ['report', '--since', '2026-11-01', '--until', '2026-11-05', '--group', 'model', '--json'],
    { cwd },
  );
  const rows = JSON.parse(res.stdout).rows as Record<string, unknown>[];
  return Object.fromEntries(rows.map((r) => [r.model, r]));
}

describe('spendlens import: aliases, unknown fields and unpriced models', () => {
  it('JSONL: lands alias spellings, names each unknown field by line, and lists unpriced models', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'spendlens-aliases-'));
    const file = join(cwd, 'usage.jsonl');
    writeFileSync(
      file,
      [
        json({ id: 'j1', inputTokens: 1000, outputTokens: 100 }),
        json({
          id: 'j2',
          provider: 'anthropic',
          model: 'claude-sonnet-4-5',
          input_tokens: 100_000,
          output_tokens: 0,
        }),
        '',
        json({ id: 'j4', tokens_inn: 5 }),
        json({ id: 'j5', model: 'gtp-5', tokens_in: 10 }),
        json({ id: 'j6', model: 'gtp-5', tokens_in: 20 }),
        json({ id: 'j7', inputTokens: 900, input_tokens: 1000 }),
      ].join('\n'),
    );
    const res = await cli(['import', file], { cwd });
    expect(res.code).toBe(1);
    const out = res.stdout.split('\n');
    expect(out[0]).toBe(`${file}: 6 records read, 4 added, 0 already in the ledger, 2 rejected`);
    expect(out).toContain('  line 4: unknown field "tokens_inn"; did you mean tokens_in?');
    expect(out).toContain('  line 7: input_tokens: 1000 disagrees with inputTokens 900: send one of them');
    expect(out).toContain(
      '2 records of models with no price, stored unpriced: gtp-5 (openai) ×2, did you mean gpt-5?',
    );

    const rows = await byModel(cwd);
    // claude-sonnet-4-5: $3 per 1M input tokens
    expect(rows['claude-sonnet-4-5']).toMatchObject({ inputTokens: 100_000, cost: '0.300000' });
    expect(rows['gtp-5']).toMatchObject({ inputTokens: 30, cost: '0.000000', unpricedRequests: 2 });

    const again = JSON.parse((await cli(['import', file, '--json'], { cwd })).stdout);
    expect(again).toMatchObject({ accepted: 0, duplicates: 4 });
    expect(again.unpriced).toEqual([{ provider: 'openai', model: 'gtp-5', count: 2, suggestion: 'gpt-5' }]);
  }, 60_000);

  it('CSV: alias columns are counted as numbers, a misspelt column or a surplus cell refuses only its row', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'spendlens-aliases-'));
    const file = join(cwd, 'usage.csv');
    writeFileSync(
      file,
      [
        'id,timestamp,provider,model,tokens_in,tokens_out,cost_usd,user_id,projet',
        'c1,2026-11-03T08:00:00Z,openai,gpt-4o,2000000,100000,,ana,',
        'c2,2026-11-03T08:00:00Z,openai,gpt-4o,10,10,,ana,ranker',
        'c3,2026-11-03T08:00:00Z,openai,gpt-4o,abc,10,,ana,',
        'c4,2026-11-03T08:00:00Z,openai,gpt-4o-mini,5,5,1.25,bo,',
        'c5,2026-11-03T08:00:00Z,openai,gpt-4o,10,10,,ana,,surplus',
      ].join('\n'),
    );
    const summary = JSON.parse((await cli(['import', file, '--json'], { cwd })).stdout);
    expect(summary).toMatchObject({ read: 5, accepted: 2, unpriced: [] });
    expect(summary.rejected).toEqual([
      { line: 3, errors: [{ path: 'projet', message: 'unknown field "projet"; did you mean project?' }] },
      { line: 4, errors: [{ path: 'tokens_in', message: expect.any(String) }] },
      { line: 6, errors: [{ path: '(line)', message: '10 cells where the header names 9 columns' }] },
    ]);
    const rows = await byModel(cwd);
    // gpt-4o: 2M × $2.50 + 0.1M × $10 per 1M; the gpt-4o-mini row carries its own billed USD cost
    expect(rows['gpt-4o']).toMatchObject({ inputTokens: 2_000_000, outputTokens: 100_000, cost: '6.000000' });
    expect(rows['gpt-4o-mini']).toMatchObject({ inputTokens: 5, cost: '1.250000' });
  }, 60_000);
});

describe('spendlens collect: unpriced models in the summary', () => {
  it('lists the models of the collected logs that the catalog cannot price, with a suggestion', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'spendlens-collect-unpriced-'));
    const project = join(cwd, 'claude/projects/-home-dev-acme');
    mkdirSync(project, { recursive: true });
    mkdirSync(join(cwd, 'codex'));
    const line = (id: string, model: string) =>
      JSON.stringify({
        type: 'assistant',
        cwd: '/home/dev/acme',
        timestamp: '2026-11-03T15:00:00.000Z',
        requestId: `req_${id}`,
        message: { id, model, usage: { input_tokens: 10, output_tokens: 20 } },
      });
    const log = join(project, '0b1c2d3e-0000-4000-8000-000000000001.jsonl');
    writeFileSync(
      log,
      `${[line('m1', 'claude-sonet-4-5'), line('m2', 'claude-sonet-4-5'), line('m3', 'claude-sonnet-4-5')].join('\n')}\n`,
    );
    const hourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(log, hourAgo, hourAgo);
    const env = { HOME: join(cwd, 'home') };
    const dirs = ['--claude-dir', join(cwd, 'claude'), '--codex-dir', join(cwd, 'codex')];
    const res = await cli(['collect', '--once', ...dirs, '--user', 'ana@example.com'], { cwd, env });
    expect(res.stdout.trim(), res.stderr).toBe(
      [
        'claude-code: 3 records from 1 logs, 3 added, 0 already in the ledger',
        '  no price for: claude-sonet-4-5 (anthropic) ×2, did you mean claude-sonnet-4-5?',
        'codex: nothing new',
      ].join('\n'),
    );
  }, 60_000);
});
