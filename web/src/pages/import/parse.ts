import Papa from 'papaparse';

/** One raw record from a file and the line it starts on (1-based). */
export interface FileItem {
  line: number;
  value: Record<string, unknown>;
}

/** Why a line was not imported: read here (bad JSON) or rejected by the server. */
export interface LineProblem {
  line: number;
  path: string;
  message: string;
}

export interface ParsedFile {
  format: FileFormat;
  items: FileItem[];
  problems: LineProblem[];
}

export type FileFormat = 'jsonl' | 'csv';

// why: the server takes the providers' and the cost tracker's spellings as aliases (src/normalize/aliases.ts,
// which the dashboard may not import); their CSV cells must reach it as numbers too.
const INT_COLUMNS = new Set([
  'inputTokens',
  'outputTokens',
  'cacheReadTokens',
  'cacheWriteTokens',
  'reasoningTokens',
  'requests',
  'input_tokens',
  'output_tokens',
  'cache_read_input_tokens',
  'cache_creation_input_tokens',
  'reasoning_tokens',
  'reasoning_output_tokens',
  'tokens_in',
  'tokens_out',
]);

/** .csv is CSV; .jsonl, .ndjson and .json are JSON lines, as `spendlens import` reads them. */
export function detectFormat(filename: string): FileFormat | null {
  const ext = filename.toLowerCase().split('.').pop() ?? '';
  if (ext === 'csv') return 'csv';
  return ['jsonl', 'ndjson', 'json'].includes(ext) ? 'jsonl' : null;
}

export function parseFile(text: string, format: FileFormat): ParsedFile {
  return format === 'csv' ? parseCsv(text) : parseJsonl(text);
}

/** One JSON object per line; blank lines are skipped, a line that is not an object is a problem. */
export function parseJsonl(text: string): ParsedFile {
  const items: FileItem[] = [];
  const problems: LineProblem[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') return;
    try {
      const value: unknown = JSON.parse(line);
      if (value && typeof value === 'object' && !Array.isArray(value)) {
        items.push({ line: i + 1, value: value as Record<string, unknown> });
      } else problems.push({ line: i + 1, path: '(record)', message: 'must be a JSON object' });
    } catch (error) {
      problems.push({ line: i + 1, path: '(line)', message: `not valid JSON: ${(error as Error).message}` });
    }
  });
  return { format: 'jsonl', items, problems };
}

/**
 * CSV with a header line naming the record's fields (papaparse). Empty cells are absent, token
 * columns become numbers, `tags.<key>` columns become tags: the same rules as `spendlens import`.
 */
export function parseCsv(input: string): ParsedFile {
  const text = input.replace(/^\uFEFF/, '');
  const items: FileItem[] = [];
  const problems: LineProblem[] = [];
  let header: string[] | null = null;
  let counted = 0;
  let lines = 1;
  let previousEnd = 0;
  Papa.parse<string[]>(text, {
    header: false,
    skipEmptyLines: 'greedy',
    step: (result) => {
      // why: papaparse reports where a row ends; its first line is past the previous end and any blank lines.
      let start = previousEnd;
      while (start < text.length && /\s/.test(text[start] ?? '')) start++;
      for (; counted < start; counted++) if (text[counted] === '\n') lines++;
      previousEnd = result.meta.cursor;
      const cells = result.data.map((c) => c.trim());
      if (!header) {
        header = cells;
        return;
      }
      const row = csvRecord(header, cells);
      if (typeof row === 'string') problems.push({ line: lines, path: '(line)', message: row });
      else items.push({ line: lines, value: row });
    },
  });
  return { format: 'csv', items, problems };
}

function csvRecord(header: string[], cells: string[]): Record<string, unknown> | string {
  if (cells.length > header.length)
    return `has ${cells.length} cells but the header names ${header.length} columns`;
  const out: Record<string, unknown> = {};
  const tags: Record<string, string> = {};
  for (const [i, key] of header.entries()) {
    const value = cells[i] ?? '';
    if (value === '' || key === '') continue;
    if (key.startsWith('tags.')) tags[key.slice(5)] = value;
    else if (key === 'tags') {
      try {
        Object.assign(tags, JSON.parse(value));
      } catch {
        return 'the tags cell is not a JSON object';
      }
    } else out[key] = INT_COLUMNS.has(key) && /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
  }
  if (Object.keys(tags).length) out.tags = tags;
  return out;
}
