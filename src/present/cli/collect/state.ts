import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, sep } from 'node:path';
import { z } from 'zod';

const fileState = z.object({
  /** Bytes already read; the next pass starts here. */
  offset: z.number().int().nonnegative(),
  size: z.number().int().nonnegative(),
  mtimeMs: z.number(),
  ino: z.number(),
  /** What the source needs from earlier lines (Codex: session, model, running totals). */
  carry: z.unknown().optional(),
});
export type FileState = z.output<typeof fileState>;

// why: still version 1 since record ids became content keys: the new Codex carry fields are filled in when
// missing (see resumeCodexCarry), and a collector of either age reading the other's file keeps its offsets
// instead of reading every log again under its own ids, which would count what was read twice.
const stateSchema = z.object({
  version: z.literal(1),
  /** Where the records went: a server URL or a local store; another target starts from scratch. */
  target: z.string(),
  files: z.record(z.string(), fileState),
  /** Claude message ids already sent (non-sidechain), with their time in ms, to drop late sidechain replays. */
  claudeMessages: z.record(z.string(), z.number()).default({}),
});
export type CollectState = z.output<typeof stateSchema>;

const emptyState = (target: string): CollectState => ({ version: 1, target, files: {}, claudeMessages: {} });

/**
 * The collector's memory of where it stopped in each log. A missing or unreadable file, or one written
 * for another target, starts from scratch: everything is read again and the ledger drops what it has.
 */
export function loadState(path: string, target: string): { state: CollectState; warning?: string } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return { state: emptyState(target) };
  }
  const parsed = stateSchema.safeParse(safeJson(text));
  if (!parsed.success) {
    return {
      state: emptyState(target),
      warning: `${path} is not a collector state file: reading every log again`,
    };
  }
  if (parsed.data.target !== target) return { state: emptyState(target) };
  return { state: parsed.data };
}

/**
 * The state of a log read under another path with the same file name, for a log that has none of its own:
 * Codex moves a session it archives into `archived_sessions/` (and back) under its name, and what was read
 * before the move, perhaps under record ids an older collector gave, must not be read again.
 */
export function namesake(state: CollectState, path: string, roots: string[]): FileState | undefined {
  const name = basename(path);
  const under = roots.map((root) => (root.endsWith(sep) ? root : root + sep));
  let found: FileState | undefined;
  for (const [other, file] of Object.entries(state.files)) {
    if (other === path || basename(other) !== name || !under.some((root) => other.startsWith(root))) continue;
    if (!found || file.offset > found.offset) found = file;
  }
  return found;
}

/** Writes the state atomically (a temporary file renamed over the old one), so a crash never leaves half a file. */
export function saveState(path: string, state: CollectState): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(state));
  renameSync(temporary, path);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
