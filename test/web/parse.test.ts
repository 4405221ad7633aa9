import { describe, expect, it } from 'vitest';
import { detectFormat, parseCsv, parseJsonl } from '../../web/src/pages/import/parse.ts';

describe('reading import files in the browser', () => {
  it('tells the format by the extension', () => {
    expect(detectFormat('usage.CSV')).toBe('csv');
    expect(detectFormat('usage.ndjson')).toBe('jsonl');
    expect(detectFormat('usage.jsonl')).toBe('jsonl');
    expect(detectFormat('usage.xlsx')).toBeNull();
  });

  it('reads JSON lines with their line numbers, skipping blank lines', () => {
    const parsed = parseJsonl('{"a":1}\r\n\n{"a":2}\nnope\n[1]\n');
    expect(parsed.items).toEqual([
      { line: 1, value: { a: 1 } },
      { line: 3, value: { a: 2 } },
    ]);
    expect(parsed.problems.map((p) => [p.line, p.path])).toEqual([
      [4, '(line)'],
      [5, '(record)'],
    ]);
  });

  it('reads CSV as spendlens import does: numbers, tags, empty cells absent', () => {
    const csv =
      '\uFEFFtimestamp,model,inputTokens,cost,tags.env,user\n2026-11-01T00:00:00Z,gpt-5, 1200 ,0.5,prod,\n';
    expect(parseCsv(csv).items).toEqual([
      {
        line: 2,
        value: {
          timestamp: '2026-11-01T00:00:00Z',
          model: 'gpt-5',
          inputTokens: 1200,
          cost: '0.5',
          tags: { env: 'prod' },
        },
      },
    ]);
  });

  it('reads the alias token columns as numbers too, as spendlens import does', () => {
    const csv =
      'timestamp,model,tokens_in,output_tokens,cache_read_input_tokens,user_id\n2026-11-01T00:00:00Z,gpt-5,12,34,5,ana\n';
    expect(parseCsv(csv).items[0]?.value).toEqual({
      timestamp: '2026-11-01T00:00:00Z',
      model: 'gpt-5',
      tokens_in: 12,
      output_tokens: 34,
      cache_read_input_tokens: 5,
      user_id: 'ana',
    });
  });

  it('counts lines past blank lines and quoted line breaks', () => {
    const csv = 'model,context\na,one\n\n"b","two\nlines"\n   \nc,three\n';
    const parsed = parseCsv(csv);
    expect(parsed.items.map((i) => [i.line, i.value.model])).toEqual([
      [2, 'a'],
      [4, 'b'],
      [7, 'c'],
    ]);
  });

  it('reports a row with more cells than the header names', () => {
    expect(parseCsv('model\na,b\n').problems).toEqual([
      { line: 2, path: '(line)', message: 'has 2 cells but the header names 1 columns' },
    ]);
  });
});
