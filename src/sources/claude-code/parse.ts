import { type ClaudeEntry, claudeEntry } from './normalize.ts';
import { claudeProject } from './paths.ts';
import { claudeLineSchema } from './schema.ts';

/** A complete line of a log file and the byte offsets where it starts and where the next one starts. */
export interface LogLine {
  text: string;
  start: number;
  end: number;
}

/** Where a log sits and whose it is: the user, the project folder under `projects/`, the home directory. */
export interface ClaudeFileContext {
  user: string;
  projectDir: string;
  home: string;
}

export interface ClaudeChunk {
  entries: ClaudeEntry[];
  /** Lines that were not JSON, or usage lines of the wrong shape: skipped, never fatal. */
  corrupt: number;
  /** The byte offset up to which the lines are done with; the next pass reads on from here. */
  consumed: number;
}

/**
 * Reads the new lines of one session log. While a log is still being written (`active`), the copies of
 * its last message may still grow, so that message is left for the next pass rather than taken early.
 */
export function readClaudeLines(
  lines: LogLine[],
  options: { active: boolean; file: ClaudeFileContext },
): ClaudeChunk {
  const found: { entry: ClaudeEntry; start: number }[] = [];
  const corrupt: number[] = [];
  for (const line of lines) {
    const result = parseClaudeLine(line.text, options.file);
    if (result === 'corrupt') corrupt.push(line.start);
    else if (result) found.push({ entry: result, start: line.start });
  }
  let consumed = lines.at(-1)?.end ?? 0;
  const lastKey = found.at(-1)?.entry.key;
  if (options.active && lastKey) {
    const cut = found.findIndex((f) => f.entry.key === lastKey);
    consumed = (found[cut] as { start: number }).start;
    found.length = cut;
  }
  return {
    entries: found.map((f) => f.entry),
    corrupt: corrupt.filter((start) => start < consumed).length,
    consumed,
  };
}

/** One line: an entry, null for lines without usage (user turns, summaries, API errors), or 'corrupt'. */
function parseClaudeLine(text: string, file: ClaudeFileContext): ClaudeEntry | null | 'corrupt' {
  if (!text.trim()) return null;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return 'corrupt';
  }
  const usage = (json as { message?: { usage?: unknown } } | null)?.message?.usage;
  if (usage === undefined || usage === null) return null;
  const parsed = claudeLineSchema.safeParse(json);
  if (!parsed.success) return 'corrupt';
  const line = parsed.data;
  // why: `<synthetic>` marks messages Claude Code made up itself; API error lines carry no real usage.
  if (line.isApiErrorMessage || !line.message.model || line.message.model === '<synthetic>') return null;
  return claudeEntry(line, { user: file.user, project: claudeProject(line.cwd, file.projectDir, file.home) });
}
