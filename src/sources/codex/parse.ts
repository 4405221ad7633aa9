import type { UsageInput } from '../../normalize/usage.ts';
import { type Counters, codexRecord, counters, delta, FALLBACK_MODEL, isZero } from './normalize.ts';
import { codexProject } from './paths.ts';
import { codexContextSchema, codexLineSchema, tokenCountSchema } from './schema.ts';

/** A complete line of a log file and the byte offsets where it starts and where the next one starts. */
export interface LogLine {
  text: string;
  start: number;
  end: number;
}

/** What a log's earlier lines said that later lines need: carried between passes in the collector's state. */
export interface CodexCarry {
  session: string;
  model: string | null;
  project: string | null;
  totals: Counters | null;
}

export interface CodexChunk {
  records: UsageInput[];
  carry: CodexCarry;
  /** Lines that were not JSON, or token counts of the wrong shape: skipped, never fatal. */
  corrupt: number;
}

/**
 * Reads the new lines of one Codex session log. `session_meta` and `turn_context` lines set the session,
 * project and model; each `token_count` event with new usage becomes a record whose id is the session and
 * the line's byte offset, so reading a log again yields the same ids.
 */
export function readCodexLines(lines: LogLine[], start: CodexCarry, user: string): CodexChunk {
  const carry = { ...start };
  const records: UsageInput[] = [];
  let corrupt = 0;
  for (const line of lines) {
    if (!line.text.trim()) continue;
    const parsed = parseJson(line.text);
    const entry = codexLineSchema.safeParse(parsed);
    if (!entry.success) {
      corrupt++;
      continue;
    }
    const { type, payload, timestamp } = entry.data;
    if (type === 'session_meta' || type === 'turn_context') {
      remember(carry, type, payload);
    } else if (type === 'event_msg' && isTokenCount(payload)) {
      const result = tokenCount(carry, payload, timestamp);
      if (result === 'corrupt') corrupt++;
      else if (result)
        records.push(
          codexRecord({ ...result, id: `codex:${carry.session}:${line.start}` }, result.usage, {
            ...carry,
            user,
          }),
        );
    }
  }
  return { records, carry, corrupt };
}

function remember(carry: CodexCarry, type: string, payload: unknown): void {
  const context = codexContextSchema.safeParse(payload);
  if (!context.success) return;
  if (type === 'session_meta' && context.data.id) carry.session = context.data.id;
  carry.project = codexProject(context.data.cwd) ?? carry.project;
  carry.model = context.data.model ?? carry.model;
}

function tokenCount(carry: CodexCarry, payload: unknown, timestamp: string | undefined) {
  const parsed = tokenCountSchema.safeParse(payload);
  if (!parsed.success) return 'corrupt' as const;
  const info = parsed.data.info;
  if (!info || !timestamp) return null;
  const total = info.total_token_usage ? counters(info.total_token_usage) : null;
  const usage = delta(total, info.last_token_usage ? counters(info.last_token_usage) : null, carry.totals);
  if (total) carry.totals = total;
  if (info.model) carry.model = info.model;
  if (!usage || isZero(usage)) return null;
  return { timestamp, usage, model: carry.model ?? FALLBACK_MODEL, guessed: !carry.model };
}

function isTokenCount(payload: unknown): boolean {
  return (payload as { type?: unknown } | null)?.type === 'token_count';
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
