import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.ts';

const FIXTURE = resolve(import.meta.dirname, '../fixtures/price/litellm-sample.json');

describe('spendlens pricing', () => {
  it('lists unpriced models, imports a LiteLLM price file and re-prices them', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'spendlens-pricing-'));
    writeFileSync(
      join(cwd, 'usage.jsonl'),
      `${JSON.stringify({ id: 'm1', timestamp: '2026-11-02T09:00:00Z', provider: 'sambanova', model: 'Meta-Llama-3.3-70B-Instruct', inputTokens: 1_000_000, outputTokens: 0 })}\n`,
    );
    expect((await cli(['import', 'usage.jsonl'], { cwd })).code).toBe(0);

    const before = await cli(['pricing'], { cwd });
    expect(before.stdout).toContain('Unpriced models');
    expect(before.stdout).toContain(
      'sambanova/Meta-Llama-3.3-70B-Instruct: 1 request, 1,000,000 input tokens and 0 output tokens',
    );
    expect(before.stdout).toMatch(/anthropic\s+│ claude-sonnet-4-0\s+│\s+\$3 │\s+\$15 │/);

    const imported = await cli(['pricing', 'import', FIXTURE, '--reprice'], { cwd });
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/prices imported .* entries skipped/);
    expect(imported.stdout).toContain('re-priced: 1 of 1 records changed, 0 still unpriced');

    const after = JSON.parse((await cli(['pricing', '--json'], { cwd })).stdout);
    expect(after.unpriced).toEqual([]);
    const report = JSON.parse(
      (await cli(['report', '--since', '2026-11-01', '--until', '2026-11-03', '--json'], { cwd })).stdout,
    );
    expect(Number(report.totals.cost)).toBeGreaterThan(0);
    expect(report.totals.unpricedRequests).toBe(0);
  }, 120_000);
});
