import { type Dirent, readdirSync, readFileSync } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { LogLine } from '../../../sources/claude-code/index.ts';

/** The `.jsonl` files under a directory, at any depth; none when the directory does not exist. */
export async function findJsonl(root: string): Promise<string[]> {
  const entries = await readdir(root, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.jsonl'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** `findJsonl`, for the few lookups made while a log is being read. */
export function findJsonlSync(root: string): string[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(root, { withFileTypes: true, recursive: true });
  } catch {
    return [];
  }
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.jsonl'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** The complete lines of a whole file (what follows the last newline is left out); none when it is unreadable. */
export function readLinesSync(path: string): LogLine[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .slice(0, -1)
    .map((part) => ({ text: part.replace(/\r$/, ''), start: 0, end: 0 }));
}

export interface FileInfo {
  size: number;
  mtimeMs: number;
  ino: number;
}

export async function fileInfo(path: string): Promise<FileInfo | null> {
  const info = await stat(path).catch(() => null);
  return info ? { size: info.size, mtimeMs: Math.trunc(info.mtimeMs), ino: info.ino } : null;
}

/**
 * The bytes of a file from `offset` to `size`, split into complete lines (CR/LF endings allowed). What
 * follows the last newline is `tail`: a line still being written, or one cut short.
 */
export async function readLines(
  path: string,
  offset: number,
  size: number,
): Promise<{ lines: LogLine[]; tail: LogLine | null }> {
  const buffer = Buffer.alloc(Math.max(0, size - offset));
  const handle = await open(path, 'r');
  try {
    await handle.read(buffer, 0, buffer.length, offset);
  } finally {
    await handle.close();
  }
  const lines: LogLine[] = [];
  let from = 0;
  for (let nl = buffer.indexOf(10, from); nl !== -1; nl = buffer.indexOf(10, from)) {
    const text = buffer.toString('utf8', from, nl).replace(/\r$/, '');
    lines.push({ text, start: offset + from, end: offset + nl + 1 });
    from = nl + 1;
  }
  const tail =
    from < buffer.length
      ? { text: buffer.toString('utf8', from), start: offset + from, end: offset + buffer.length }
      : null;
  return { lines, tail };
}
