import { createReadStream, statSync } from 'node:fs';
import { extname } from 'node:path';
import { createInterface } from 'node:readline';
import { parse as parseCsv } from 'csv-parse';
import { AppError } from '../../domain/errors.ts';
import { TOKEN_FIELDS } from '../../domain/record.ts';

/** One raw record from a file and the line it started on (1-based). */
export interface FileItem {
  line: number;
  value: unknown;
  /** Set when the line itself could not be read (bad JSON). */
  error?: string;
}

export type FileFormat = 'jsonl' | 'csv';

const INT_COLUMNS = new Set<string>(TOKEN_FIELDS);

/** Picks the format from the extension: .csv is CSV, .jsonl/.ndjson/.json is JSON lines. */
export function detectFormat(path: string, forced?: string): FileFormat {
  if (forced === 'csv' || forced === 'jsonl') return forced;
  if (forced) throw new AppError('bad_request', `--format ${forced}: use jsonl or csv`);
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
  const items = format === 'csv' ? csvItems(stream) : jsonlItems(stream);
  for await (const item of items) {
    batch.push(item);
    if (batch.length >= batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

async function* jsonlItems(stream: NodeJS.ReadableStream): AsyncGenerator<FileItem> {
  let line = 0;
  for await (const text of createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY })) {
    line++;
    if (text.trim() === '') continue;
    try {
      yield { line, value: JSON.parse(text) };
    } catch (error) {
      yield { line, value: null, error: `not valid JSON: ${(error as Error).message}` };
    }
  }
}

async function* csvItems(stream: NodeJS.ReadableStream): AsyncGenerator<FileItem> {
  const parser = stream.pipe(
    parseCsv({ columns: true, skip_empty_lines: true, trim: true, info: true, bom: true }),
  );
  for await (const { record, info } of parser as AsyncIterable<{
    record: Record<string, string>;
    info: { lines: number };
  }>) {
    yield { line: info.lines, value: csvRecord(record) };
  }
}

/** A CSV row as a record: empty cells are absent, token columns are numbers, `tags.x` columns become tags. */
function csvRecord(row: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const tags: Record<string, string> = {};
  for (const [key, value] of Object.entries(row)) {
    if (value === '') continue;
    if (key.startsWith('tags.')) tags[key.slice(5)] = value;
    else if (key === 'tags') Object.assign(tags, JSON.parse(value));
    else out[key] = INT_COLUMNS.has(key) && /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
  }
  if (Object.keys(tags).length) out.tags = tags;
  return out;
}
