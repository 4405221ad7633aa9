import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type FileItem, readRecordFile } from '../../src/present/cli/read-records.ts';

async function readAll(text: string | Buffer, batchSize = 1000): Promise<FileItem[][]> {
  const path = join(mkdtempSync(join(tmpdir(), 'spendlens-read-')), 'records.jsonl');
  writeFileSync(path, text);
  const batches: FileItem[][] = [];
  for await (const batch of readRecordFile(path, 'jsonl', batchSize)) batches.push(batch);
  return batches;
}

describe('reading a JSON lines file', () => {
  it('numbers lines as an editor does, across \\n, \\r\\n and a lone \\r, blank lines counted', async () => {
    const items = (await readAll('{"a":1}\r\n\n{"a":2}\r{"a":3}\n  \n{bad\n{"a":4}')).flat();
    expect(items).toEqual([
      { line: 1, value: { a: 1 } },
      { line: 3, value: { a: 2 } },
      { line: 4, value: { a: 3 } },
      { line: 6, value: null, error: expect.stringMatching(/^not valid JSON: /) },
      { line: 7, value: { a: 4 } },
    ]);
  });

  it('reads a last line with no line end, or ending in \\r, and nothing for an empty file', async () => {
    expect((await readAll('{"a":1}\n{"a":2}\r')).flat().map((i) => i.line)).toEqual([1, 2]);
    expect(await readAll('')).toEqual([]);
  });

  it('keeps a character and a \\r\\n whole where the file is read in chunks (64 KiB)', async () => {
    const chunk = 65_536;
    // A 4-byte character across the first chunk edge, a \r\n across the second.
    const first = `{"p":"${'x'.repeat(chunk - 2 - 6)}😀"}\r\n`;
    const second = `{"p":"${'y'.repeat(2 * chunk - 1 - Buffer.byteLength(first) - 8)}"}\r\n`;
    const text = `${first}${second}{"p":"z"}\n`;
    expect(
      Buffer.from(text)
        .subarray(chunk - 2, chunk + 2)
        .toString(),
    ).toBe('😀');
    expect(
      Buffer.from(text)
        .subarray(2 * chunk - 1, 2 * chunk + 1)
        .toString(),
    ).toBe('\r\n');
    const items = (await readAll(text)).flat();
    expect(items.map((i) => [i.line, (i.value as { p: string }).p.slice(-3)])).toEqual([
      [1, 'x😀'],
      [2, 'yyy'],
      [3, 'z'],
    ]);
  });

  it('hands records over in batches of the size asked for', async () => {
    const text = Array.from({ length: 25 }, (_, i) => `{"i":${i}}`).join('\n');
    expect((await readAll(text, 10)).map((b) => b.length)).toEqual([10, 10, 5]);
  });
});
