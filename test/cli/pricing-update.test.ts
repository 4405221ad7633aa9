import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { supersededByBundle } from '../../src/price/bundled.ts';
import { cli } from '../helpers/cli.ts';

// A genai-prices data.json as its maintainers publish it: gpt-4o gets a dated price cut, and a model
// spendlens's bundled catalog has never heard of appears.
const DATA = [
  {
    id: 'openai',
    name: 'OpenAI',
    api_pattern: 'https://api\\.openai\\.com',
    models: [
      {
        id: 'gpt-4o',
        match: { or: [{ equals: 'gpt-4o' }, { equals: 'gpt-4o-2024-08-06' }] },
        prices: [
          { prices: { input_mtok: 2.5, cache_read_mtok: 1.25, output_mtok: 10 } },
          {
            constraint: { type: 'start_date', start_date: '2026-11-15' },
            prices: { input_mtok: 2, cache_read_mtok: 1, output_mtok: 8 },
          },
        ],
      },
      { id: 'gpt-7', match: { starts_with: 'gpt-7' }, prices: { input_mtok: 4, output_mtok: 16 } },
    ],
  },
];

const record = (id: string, day: string, model: string) =>
  JSON.stringify({ id, timestamp: `${day}T09:00:00Z`, provider: 'openai', model, inputTokens: 1_000_000 });

describe('spendlens pricing update', () => {
  it('loads a newer data.json: new models priced, a dated cut applies from its day only, past records keep their price', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'spendlens-price-update-'));
    writeFileSync(join(cwd, 'data.json'), JSON.stringify(DATA));
    writeFileSync(
      join(cwd, 'usage.jsonl'),
      `${[record('a', '2026-11-14', 'gpt-4o'), record('b', '2026-11-15', 'gpt-4o'), record('c', '2026-11-15', 'gpt-7-mini')].join('\n')}\n`,
    );
    expect((await cli(['import', 'usage.jsonl'], { cwd })).code).toBe(0);

    const updated = await cli(['pricing', 'update', '--file', 'data.json', '--reprice'], { cwd });
    expect(updated.stderr).toBe('');
    expect(updated.stdout).toContain('2 added');
    expect(updated.stdout).toContain('+ openai/gpt-4o@2026-11-15');
    expect(updated.stdout).toContain('+ openai/gpt-7@2020-01-01');
    expect(updated.stdout).toContain('re-priced: 2 of 3 records changed, 0 still unpriced');

    const report = JSON.parse(
      (await cli(['report', '--since', '2026-11-14', '--until', '2026-11-16', '--json'], { cwd })).stdout,
    );
    // 1M input tokens each: gpt-4o at $2.50 before the cut and $2 after, gpt-7-mini at $4
    expect(report.totals.cost).toBe('8.500000');

    const again = await cli(['pricing', 'update', '--file', 'data.json'], { cwd });
    expect(again.stdout).toContain('all already in force');
  }, 120_000);

  it('loads a newer @pydantic/genai-prices installed in the current folder', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'spendlens-price-update-'));
    const pkg = join(cwd, 'node_modules', '@pydantic', 'genai-prices');
    mkdirSync(join(pkg, 'dist'), { recursive: true });
    writeFileSync(
      join(pkg, 'package.json'),
      JSON.stringify({ name: '@pydantic/genai-prices', version: '0.1.9', main: 'dist/index.cjs' }),
    );
    writeFileSync(
      join(pkg, 'dist', 'index.cjs'),
      `const data = ${JSON.stringify(DATA)};\nexports.findProvider = ({ providerId }) => data.find((p) => p.id === providerId);\n`,
    );
    writeFileSync(join(cwd, 'usage.jsonl'), `${record('c', '2026-11-15', 'gpt-7')}\n`);
    expect((await cli(['import', 'usage.jsonl'], { cwd })).code).toBe(0);
    const updated = await cli(['pricing', 'update', '--reprice'], { cwd });
    expect(updated.stdout).toContain('@pydantic/genai-prices 0.1.9:');
    expect(updated.stdout).toContain('re-priced: 1 of 1 records changed, 0 still unpriced');
  }, 120_000);

  it('says what to do when the file is not genai-prices data', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'spendlens-price-update-'));
    writeFileSync(join(cwd, 'litellm.json'), JSON.stringify({ 'gpt-4o': { input_cost_per_token: 1 } }));
    const r = await cli(['pricing', 'update', '--file', 'litellm.json'], { cwd });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('spendlens pricing import');
  }, 120_000);
});

describe('supersededByBundle', () => {
  it('drops a saved update no newer than the bundled genai-prices, keeps newer ones and hand-made entries', () => {
    expect(supersededByBundle('@pydantic/genai-prices 0.1.7', '0.1.8')).toBe(true);
    expect(supersededByBundle('@pydantic/genai-prices 0.1.8', '0.1.8')).toBe(true);
    expect(supersededByBundle('@pydantic/genai-prices 0.1.9', '0.1.8')).toBe(false);
    expect(supersededByBundle('@pydantic/genai-prices 0.2.0', '0.1.12')).toBe(false);
    expect(supersededByBundle('@pydantic/genai-prices 0.1.10', '0.1.9')).toBe(false);
    expect(supersededByBundle('file data.json', '0.1.8')).toBe(false);
    expect(supersededByBundle(undefined, '0.1.8')).toBe(false);
  });
});
