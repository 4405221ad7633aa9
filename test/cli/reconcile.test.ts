import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.ts';

describe('spendlens reconcile and export --focus', () => {
  it('prints the reconciliation as JSON and writes FOCUS CSV', { timeout: 60_000 }, async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'spendlens-reconcile-'));
    const file = join(cwd, 'ledger.jsonl');
    const base = { timestamp: '2026-11-02T09:00:00Z', provider: 'openai', project: 'search' };
    writeFileSync(
      file,
      [
        { ...base, id: 'u1', model: 'gpt-4o', cost: '2.00', costKind: 'billed', cacheReadTokens: 300 },
        { ...base, id: 'b1', service: 'cost-report', model: 'gpt-4o, input', cost: '2.50', requests: 0 },
      ]
        .map((r) => JSON.stringify(r))
        .join('\n'),
    );
    const dataDir = ['--data-dir', join(cwd, 'data')];
    expect((await cli([...dataDir, 'import', file], { cwd })).code).toBe(0);
    const result = await cli(
      [...dataDir, 'reconcile', '--since', '2026-11-01', '--until', '2026-11-03', '--json'],
      { cwd },
    );
    expect(result.code, result.stderr).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(Object.keys(json)).toEqual(['currency', 'from', 'to', 'rows', 'totals', 'warnings']);
    expect(json.totals).toMatchObject({ billed: '2.500000', estimated: '2.000000', variance: '0.500000' });
    expect(json.totals).toMatchObject({ charges: '2.500000', credits: '0.000000' });
    expect(json.rows).toHaveLength(1);
    expect(json.rows[0]).toMatchObject({
      day: '2026-11-02',
      provider: 'openai',
      project: 'search',
      billed: '2.500000',
      estimated: '2.000000',
      variance: '0.500000',
      variancePercent: 25,
      byModel: [{ model: 'gpt-4o', variance: '0.500000' }],
      cache: { cacheReadTokens: 300 },
      lineItems: [{ item: 'gpt-4o', billed: '2.500000', estimated: '2.000000', lines: ['gpt-4o, input'] }],
    });
    const table = await cli([...dataDir, 'reconcile', '--since', '2026-11-01', '--until', '2026-11-03'], {
      cwd,
    });
    expect(table.stdout).toContain('2.500000');
    expect(table.stdout).toMatch(/gpt-4o billed 2\.500000, estimated 2\.000000/);
    const out = join(cwd, 'focus.csv');
    const exported = await cli(
      [...dataDir, 'export', '--focus', out, '--since', '2026-11-01', '--until', '2026-11-03'],
      { cwd },
    );
    expect(exported.code, exported.stderr).toBe(0);
    expect(readFileSync(out, 'utf8').trim().split('\r\n')).toHaveLength(3);
  });
});
