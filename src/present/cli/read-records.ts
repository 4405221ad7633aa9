import { createReadStream, statSync } from 'node:fs';
import { extname } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { parse as parseCsv } from 'csv-parse';
import { AppError } from '../../domain/errors.ts';
import { TOKEN_FIELDS } from '../../domain/record.ts';
import { canonicalName } from '../../normalize/aliases.ts';
import { focusFileReader } from '../../sources/focus/index.ts';
import { consoleCsvRow, gcpRowToInput } from '../../sources/gcp-billing/index.ts';

/** One raw record from a file and the line it started on (1-based). */
export interface FileItem {
  line: number;
  value: unknown;
  /** Set when the line itself could not be read (bad JSON, a malformed billing row). */
  error?: string;
  /** Set when a billing row is not AI spend and is left out on purpose. */
  skip?: string;
}

export type FileFormat = 'jsonl' | 'csv' | 'focus' | 'gcp-billing';

const FORMATS: FileFormat[] = ['jsonl', 'csv', 'focus', 'gcp-billing'];

const INT_COLUMNS = new Set<string>(TOKEN_FIELDS);

/** Picks the format from the extension: .csv is CSV, .jsonl/.ndjson/.json is JSON lines. */
export function detectFormat(path: string, forced?: string): FileFormat {
  if (forced && (FORMATS as string[]).includes(forced)) return forced as FileFormat;
  if (forced) throw new AppError('bad_request', `--format ${forced}: use ${FORMATS.join(', ')}`);
  const ext = extname(path).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (['.jsonl', '.ndjson', '.json'].includes(ext)) return 'jsonl';
  throw new AppError(
    'bad_request',
    `cannot tell the format of ${path}: name it .jsonl or .csv, or pass --format`,
  );
}

/** Streams records from a JSONL or CSV file in batches, reporting bytes read for progress. */
export async function* readRecordFile(
  path: string,
  format: FileFormat,
  batchSize: number,
  onBytes: (bytes: number) => void = () => {},
): AsyncGenerator<FileItem[]> {
  const size = statSync(path).size;
  const stream = createReadStream(path);
  let read = 0;
  stream.on('data', (chunk) => {
    read += chunk.length;
    onBytes(Math.min(read, size));
  });
  let batch: FileItem[] = [];
  // why: JSON lines come a chunk of the file at a time, without a step through the event loop per line.
  const chunks =
    format === 'jsonl'
      ? jsonlChunks(stream)
      : oneByOne(itemsOf(format, extname(path).toLowerCase() === '.csv', stream));
  for await (const items of chunks) {
    for (const item of items) {
      batch.push(item);
      if (batch.length >= batchSize) {
        yield batch;
        batch = [];
      }
    }
  }
  if (batch.length) yield batch;
}

async function* oneByOne<T>(items: AsyncIterable<T>): AsyncGenerator<T[]> {
  for await (const item of items) yield [item];
}

function itemsOf(format: FileFormat, csvFile: boolean, stream: NodeJS.ReadableStream) {
  if (format === 'csv') return mapItems(csvRows(stream), csvRecord);
  if (format === 'jsonl') return jsonlItems(stream);
  if (format === 'focus') return billingItems(csvRows(stream), focusFileReader());
  return csvFile
    ? billingItems(csvRows(stream), (row) => gcpRowToInput(consoleCsvRow(row as Record<string, string>)))
    : billingItems(jsonlItems(stream), gcpRowToInput);
}

async function* mapItems<T>(
  items: AsyncIterable<FileItem & { value: T }>,
  map: (value: T) => unknown,
): AsyncGenerator<FileItem> {
  for await (const item of items) yield item.error ? item : { line: item.line, value: map(item.value) };
}

type BillingResult =
  | { kind: 'usage'; input: unknown }
  | { kind: 'skip'; reason: string }
  | { kind: 'error'; message: string };

/** Billing rows through their source's parser: records, skipped non-AI rows, or errors naming the line. */
async function* billingItems<T>(
  items: AsyncIterable<FileItem & { value: T }>,
  parse: (value: T) => BillingResult,
): AsyncGenerator<FileItem> {
  for await (const item of items) {
    if (item.error) {
      yield item;
      continue;
    }
    const result = parse(item.value);
    if (result.kind === 'usage') yield { line: item.line, value: result.input };
    else if (result.kind === 'skip') yield { line: item.line, value: null, skip: result.reason };
    else yield { line: item.line, value: null, error: result.message };
  }
}

async function* jsonlItems(stream: NodeJS.ReadableStream): AsyncGenerator<FileItem> {
  for await (const items of jsonlChunks(stream)) yield* items;
}

/**
 * The JSON lines of a stream, parsed, the complete lines of each chunk read at a time. Lines end at
 * `\n`, `\r\n` or a lone `\r` (as readline counts them); blank lines count but give no item.
 */
async function* jsonlChunks(stream: NodeJS.ReadableStream): AsyncGenerator<FileItem[]> {
  const decoder = new StringDecoder('utf8');
  let line = 0;
  let rest = '';
  const parse = (text: string, items: FileItem[]) => {
    line++;
    if (text.trim() === '') return;
    try {
      items.push({ line, value: JSON.parse(text) });
    } catch (error) {
      items.push({ line, value: null, error: `not valid JSON: ${(error as Error).message}` });
    }
  };
  for await (const chunk of stream) {
    const text = rest + decoder.write(chunk as Buffer);
    const items: FileItem[] = [];
    const breaks = /\r\n|\n|\r/g;
    let start = 0;
    for (let m = breaks.exec(text); m; m = breaks.exec(text)) {
      // why: a \r at the end of a chunk may be the first half of a \r\n.
      if (m[0] === '\r' && m.index === text.length - 1) break;
      parse(text.slice(start, m.index), items);
      start = m.index + m[0].length;
    }
    rest = text.slice(start);
    if (items.length) yield items;
  }
  rest += decoder.end();
  const last: FileItem[] = [];
  if (rest.endsWith('\r')) rest = rest.slice(0, -1);
  if (rest !== '') parse(rest, last);
  if (last.length) yield last;
}

async function* csvRows(
  stream: NodeJS.ReadableStream,
): AsyncGenerator<FileItem & { value: Record<string, string> }> {
  // why: without relax_column_count one ragged row throws and stops the whole file; with it, a row's
  // cells past the header would be dropped without a word, and a short row's cells may sit under the
  // wrong names, so either is refused by its line and the others still land.
  const parser = stream.pipe(
    parseCsv({
      columns: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
      bom: true,
      relax_column_count: true,
    }),
  );
  for await (const { record, info } of parser as AsyncIterable<{
    record: Record<string, string>;
    info: { lines: number; columns?: unknown[]; error?: { record?: unknown[] } };
  }>) {
    const cells = info.error?.record?.length;
    const named = info.columns?.length ?? 0;
    if (cells !== undefined && cells !== named) {
      const error = `${cells} cells where the header names ${named} columns`;
      yield { line: info.lines, value: record, error };
    } else yield { line: info.lines, value: record };
  }
}

/**
 * A CSV row as a record: empty cells are absent, token columns (and their aliases, `tokens_in`) are
 * numbers, `tags.x` columns become tags. Every other column is kept, so an unknown one is refused by name.
 */
function csvRecord(row: Record<string, string>): Record<string, unknown> {
  const out: [string, unknown][] = [];
  const tags: [string, unknown][] = [];
  let badTags: string | null = null;
  for (const [key, value] of Object.entries(row)) {
    if (value === '') continue;
    if (key.startsWith('tags.')) tags.push([key.slice(5), value]);
    else if (key === 'tags') {
      const parsed = tagsCell(value);
      if (parsed) tags.push(...parsed);
      else badTags = value;
    } else out.push([key, isCount(key) && /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value]);
  }
  // why: fromEntries defines own keys; assigning a `__proto__` column would drop it without a word.
  if (badTags !== null) out.push(['tags', badTags]);
  else if (tags.length) out.push(['tags', Object.fromEntries(tags)]);
  return Object.fromEntries(out);
}

function isCount(column: string): boolean {
  return INT_COLUMNS.has(canonicalName(column));
}

/** The entries of a `tags` cell holding a JSON object; null for anything else, which validation then refuses. */
function tagsCell(value: string): [string, unknown][] | null {
  try {
    const parsed: unknown = JSON.parse(value);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? Object.entries(parsed) : null;
  } catch {
    return null;
  }
}
