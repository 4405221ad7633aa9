import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvCell, csvCellValue, csvSafe } from '../../src/domain/csv.ts';
import { toCsv } from '../../web/src/lib/csv.ts';

const FORMULAS = [
  '=HYPERLINK("http://x","y")',
  '+cmd|" /C calc"!A0',
  '-2+3',
  '@SUM(A1:A2)',
  '\tx',
  '\rx',
  '＝1+1',
];

describe('formula-safe CSV cells', () => {
  it.each(FORMULAS)('puts a quote before the text cell %j, in a text or a numeric column', (value) => {
    expect(csvSafe(value, 'text')).toBe(`'${value}`);
    expect(csvSafe(value, 'number')).toBe(`'${value}`);
  });

  it('leaves a plain number alone in a numeric column, and never in a text one', () => {
    for (const n of ['-1.50', '0', '12.000001', '-3', '3e-7', '-1E+21']) expect(csvSafe(n, 'number')).toBe(n);
    expect(csvSafe('-1.50', 'text')).toBe("'-1.50");
    for (const n of ['-Infinity', '-0x10', '-1.5.2', '- 1', '-1,5'])
      expect(csvSafe(n, 'number')).toBe(`'${n}`);
  });

  it('gives every value back exactly, quotes already in front included', () => {
    for (const value of [...FORMULAS, "'=x", "''-1", "'plain", 'plain', "'", '', '-', "it's"]) {
      expect(csvCellValue(csvSafe(value, 'text'))).toBe(value);
      const [row] = parse(`${csvCell(value, 'text')}\r\n`, { relax_quotes: true }) as string[][];
      expect(csvCellValue(row?.[0] ?? '')).toBe(value);
    }
  });

  it("makes the dashboard's downloads safe too", () => {
    const text = toCsv(
      ['team', 'cost'],
      [
        ['=1+1', '-1.50'],
        ['@x', -2],
      ],
    );
    expect(parse(text)).toEqual([
      ['team', 'cost'],
      ["'=1+1", '-1.50'],
      ["'@x", '-2'],
    ]);
  });
});
