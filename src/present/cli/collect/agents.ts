import { relative, sep } from 'node:path';
import type { UsageInput } from '../../../normalize/usage.ts';
import type { LogLine } from '../../../sources/claude-code/index.ts';
import {
  type ClaudeEntry,
  claudeRoots,
  dedupeClaude,
  readClaudeLines,
} from '../../../sources/claude-code/index.ts';
import {
  type CodexUsageEvent,
  codexRoots,
  codexUsageEvents,
  isSessionLog,
  type ParentEvents,
  readCodexLines,
  resumeCodexCarry,
} from '../../../sources/codex/index.ts';
import { findJsonlSync, readLinesSync } from './files.ts';
import type { CollectState } from './state.ts';

export type AgentName = 'claude-code' | 'codex';

/** One file's new lines, read by a source. */
export interface FileRead {
  pending: unknown[];
  carry: unknown;
  corrupt: number;
  /** Byte offset the next pass starts from. */
  consumed: number;
}

/** A coding agent's logs as the collector sees them: where they are, how to read one, how to finish a pass. */
export interface AgentLog {
  name: AgentName;
  roots: string[];
  /** Its logs move between its roots under their file names (Codex archiving a session): see `namesake`. */
  movesLogs: boolean;
  read(file: { path: string; root: string; active: boolean }, lines: LogLine[], carry: unknown): FileRead;
  /** Turns what the pass read into records, updating the cross-file memory in `state`. */
  finish(pending: unknown[], state: CollectState, now: Date): UsageInput[];
}

export interface AgentOptions {
  user: string;
  home: string;
  claudeDir?: string;
  codexDir?: string;
}

// Claude message ids are remembered this long, to recognise a side-question replay read in a later pass.
const REMEMBER_MS = 7 * 86_400_000;

export function claudeAgent(options: AgentOptions): AgentLog {
  return {
    name: 'claude-code',
    roots: claudeRoots(options.claudeDir, options.home),
    movesLogs: false,
    read(file, lines) {
      const projectDir = relative(file.root, file.path).split(sep)[0] ?? '';
      const chunk = readClaudeLines(lines, {
        active: file.active,
        file: { user: options.user, projectDir, home: options.home },
      });
      return { pending: chunk.entries, carry: undefined, corrupt: chunk.corrupt, consumed: chunk.consumed };
    },
    finish(pending, state, now) {
      const entries = dedupeClaude(pending as ClaudeEntry[], new Set(Object.keys(state.claudeMessages)));
      const cutoff = now.getTime() - REMEMBER_MS;
      for (const [id, at] of Object.entries(state.claudeMessages))
        if (at < cutoff) delete state.claudeMessages[id];
      for (const e of entries)
        if (e.messageId && !e.sidechain) state.claudeMessages[e.messageId] = now.getTime();
      return entries.flatMap((e) => e.records);
    },
  };
}

export function codexAgent(options: AgentOptions): AgentLog {
  const roots = codexRoots(options.codexDir, options.home);
  return {
    name: 'codex',
    roots,
    movesLogs: true,
    read(file, lines, carry) {
      const start = resumeCodexCarry(carry, file.path);
      const chunk = readCodexLines(lines, start, options.user, parentLogs(roots));
      const consumed = lines.at(-1)?.end ?? 0;
      return { pending: chunk.records, carry: chunk.carry, corrupt: chunk.corrupt, consumed };
    },
    // why: copies of one event (a resumed session, an archived file) share an id; send it once.
    finish(pending) {
      const ids = new Set<string | undefined>();
      return (pending as UsageInput[]).filter((r) => !ids.has(r.id) && ids.add(r.id));
    },
  };
}

/** Finds a fork's parent among the Codex logs, read whole, once per log read. */
function parentLogs(roots: string[]): ParentEvents {
  const found = new Map<string, CodexUsageEvent[] | null>();
  let files: string[] | null = null;
  return (sessionId) => {
    if (!found.has(sessionId)) {
      files ??= roots.flatMap(findJsonlSync);
      const path = files.find((f) => isSessionLog(f, sessionId));
      found.set(sessionId, path ? codexUsageEvents(readLinesSync(path), sessionId) : null);
    }
    return found.get(sessionId) ?? null;
  };
}
