// InfluxDB line protocol: `measurement,tag=v field=1i,other="text" 1700000000000000000`.
import { clipInput, MAX_NUMBER_TEXT } from '../../domain/limits.ts';

/** A field value with the text it was written as, so amounts stay exact decimals. */
export type FieldValue =
  | { kind: 'float' | 'integer' | 'uinteger'; text: string; value: number }
  | { kind: 'string'; text: string; value: string }
  | { kind: 'boolean'; text: string; value: boolean };

/** One parsed point; `timestamp` is the integer text as written, in the request's precision. */
export interface Point {
  measurement: string;
  tags: Record<string, string>;
  fields: Record<string, FieldValue>;
  timestamp: string | null;
}

export type LineResult = { ok: true; point: Point } | { ok: false; error: string };

class LineError extends Error {}

interface Scan {
  text: string;
  end: number;
}

/**
 * Reads from `pos` up to the first unescaped character in `stops`. A backslash escapes the characters
 * in `escapable`; before any other character it is kept as written (as InfluxDB does).
 */
function scan(line: string, pos: number, stops: string, escapable: string): Scan {
  let text = '';
  let i = pos;
  while (i < line.length) {
    const c = line[i] as string;
    if (c === '\\' && i + 1 < line.length && escapable.includes(line[i + 1] as string)) {
      text += line[i + 1];
      i += 2;
    } else if (stops.includes(c)) {
      break;
    } else {
      text += c;
      i++;
    }
  }
  return { text, end: i };
}

/** Parses one non-empty, non-comment line of line protocol. */
export function parseLine(line: string): LineResult {
  try {
    return { ok: true, point: parsePoint(line) };
  } catch (error) {
    if (error instanceof LineError) return { ok: false, error: error.message };
    throw error;
  }
}

function parsePoint(line: string): Point {
  const m = scan(line, 0, ', ', ', ');
  if (!m.text) throw new LineError('missing measurement');
  let pos = m.end;
  const tags: Record<string, string> = {};
  while (line[pos] === ',') {
    const key = scan(line, pos + 1, '=, ', ',= ');
    if (!key.text) throw new LineError('missing tag key');
    if (line[key.end] !== '=') throw new LineError(`missing tag value for "${clipInput(key.text)}"`);
    const value = scan(line, key.end + 1, ', ', ',= ');
    if (!value.text) throw new LineError(`missing tag value for "${clipInput(key.text)}"`);
    tags[key.text] = value.text;
    pos = value.end;
  }
  if (line[pos] !== ' ' || pos + 1 >= line.length) throw new LineError('missing fields');
  const { fields, end } = parseFields(line, pos + 1);
  const rest = line.slice(end).trim();
  if (rest && !/^-?\d{1,19}$/.test(rest)) throw new LineError(`bad timestamp "${clipInput(rest)}"`);
  return { measurement: m.text, tags, fields, timestamp: rest || null };
}

function parseFields(line: string, start: number): { fields: Record<string, FieldValue>; end: number } {
  const fields: Record<string, FieldValue> = {};
  let pos = start;
  for (;;) {
    const key = scan(line, pos, '=, ', ',= ');
    if (!key.text) throw new LineError('missing field key');
    if (line[key.end] !== '=') throw new LineError(`missing field value for "${clipInput(key.text)}"`);
    const value = readValue(line, key.end + 1);
    fields[key.text] = value.field;
    pos = value.end;
    if (line[pos] !== ',') return { fields, end: pos };
    pos++;
  }
}

function readValue(line: string, pos: number): { field: FieldValue; end: number } {
  if (line[pos] === '"') {
    let text = '';
    let i = pos + 1;
    while (i < line.length && line[i] !== '"') {
      if (line[i] === '\\' && (line[i + 1] === '"' || line[i + 1] === '\\')) i++;
      text += line[i];
      i++;
    }
    if (i >= line.length) throw new LineError('unbalanced quotes in a string field');
    return { field: { kind: 'string', text, value: text }, end: i + 1 };
  }
  const raw = scan(line, pos, ', ', '');
  if (!raw.text) throw new LineError('missing field value');
  return { field: typedValue(raw.text), end: raw.end };
}

const BOOLEANS: Record<string, boolean> = {
  t: true,
  T: true,
  true: true,
  True: true,
  TRUE: true,
  f: false,
  F: false,
  false: false,
  False: false,
  FALSE: false,
};

function typedValue(text: string): FieldValue {
  const bool = BOOLEANS[text];
  if (bool !== undefined) return { kind: 'boolean', text, value: bool };
  // why: a number's text is bounded before it is read, as everywhere (src/domain/limits.ts).
  if (text.length > MAX_NUMBER_TEXT)
    throw new LineError(`number "${clipInput(text)}" is longer than ${MAX_NUMBER_TEXT} characters`);
  const suffix = text.at(-1);
  if (suffix === 'i' || suffix === 'u') {
    const digits = text.slice(0, -1);
    if (!/^-?\d+$/.test(digits) || (suffix === 'u' && digits.startsWith('-'))) {
      throw new LineError(`invalid ${suffix === 'i' ? 'integer' : 'unsigned integer'} "${clipInput(text)}"`);
    }
    return { kind: suffix === 'i' ? 'integer' : 'uinteger', text: digits, value: Number(digits) };
  }
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) {
    throw new LineError(`invalid field value "${clipInput(text)}"`);
  }
  return { kind: 'float', text, value: Number(text) };
}
