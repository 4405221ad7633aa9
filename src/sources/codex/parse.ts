import type { UsageInput } from '../../normalize/usage.ts';
import { type Counters, codexRecord, counters, delta, FALLBACK_MODEL, isZero } from './normalize.ts';
import { codexProject } from './paths.ts';
import {
  type CodexUsageEvent,
  type ParentEvents,
  parentHistory,
  type Replay,
  replayed,
  startReplay,
} from './replay.ts';
import { codexContextSchema, codexLineSchema, codexParentSchema, tokenCountSchema } from './schema.ts';

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
  /** The log's own `session_meta` was read: any later one is a parent's, replayed into a fork. */
  started?: boolean;
  /** The parent history this log is still replaying, if any. */
  replay?: Replay | null;
}

export interface CodexChunk {
  records: UsageInput[];
  carry: CodexCarry;
  /** Lines that were not JSON, or token counts of the wrong shape: skipped, never fatal. */
  corrupt: number;
}

interface Event extends CodexUsageEvent {
  model: string;
  guessed: boolean;
}

/**
 * Reads the new lines of one Codex session log. `session_meta` and `turn_context` lines set the session,
 * project and model; each `token_count` event with new usage becomes a record. A fork's or sub-agent's
 * replay of its parent's history is skipped when `parents` can find the parent's log (or, without it, by
 * the replay's timing); events copied with their own timestamps are left to the record ids to merge.
 */
export function readCodexLines(
  lines: LogLine[],
  start: CodexCarry,
  user: string,
  parents?: ParentEvents,
): CodexChunk {
  const { events, carry, corrupt } = codexEvents(lines, start, parents);
  const records = events.map((e) => codexRecord(e, e.usage, { ...carry, user }));
  return { records, carry, corrupt };
}

/** Every usage event of a whole log, replays included: the history a fork of it may have copied. */
export function codexUsageEvents(lines: LogLine[], session: string): CodexUsageEvent[] {
  return codexEvents(lines, { session, model: null, project: null, totals: null }).events;
}

function codexEvents(lines: LogLine[], start: CodexCarry, parents?: ParentEvents) {
  const carry: CodexCarry = { ...start };
  const events: Event[] = [];
  let corrupt = 0;
  let history: CodexUsageEvent[] | null = null;
  for (const [i, line] of lines.entries()) {
    if (!line.text.trim()) continue;
    const entry = codexLineSchema.safeParse(parseJson(line.text));
    if (!entry.success) {
      corrupt++;
      continue;
    }
    const { type, payload, timestamp } = entry.data;
    if (type === 'session_meta' && !carry.started && parents && timestamp) {
      const parent = codexParentSchema.safeParse(payload ?? {});
      if (parent.success && parent.data)
        carry.replay = startReplay(parent.data, timestamp, parents, () => replayTimes(lines.slice(i + 1)));
    }
    if (type === 'session_meta' || type === 'turn_context') {
      remember(carry, type, payload);
    } else if (type === 'event_msg' && isTokenCount(payload)) {
      const event = tokenCount(carry, payload, timestamp);
      if (event === 'corrupt') corrupt++;
      else if (event && carry.replay && parents) {
        history ??= parentHistory(carry.replay, parents);
        const { copy, next } = replayed(carry.replay, event, history);
        carry.replay = next;
        if (!copy) events.push(event);
      } else if (event) events.push(event);
    }
  }
  return { events, carry, corrupt };
}

function remember(carry: CodexCarry, type: string, payload: unknown): void {
  const context = codexContextSchema.safeParse(payload);
  if (!context.success) return;
  if (type === 'session_meta') {
    // why: a sub-agent's log repeats its parent's session_meta after its own; the first one is the log's.
    if (carry.started) return;
    carry.started = true;
    if (context.data.id) carry.session = context.data.id;
  }
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

/** The timestamps of the `token_count` events with usage among `lines`, for telling a replay by its timing. */
function replayTimes(lines: LogLine[]): string[] {
  const times: string[] = [];
  for (const line of lines) {
    const entry = codexLineSchema.safeParse(parseJson(line.text));
    if (!entry.success || entry.data.type !== 'event_msg' || !entry.data.timestamp) continue;
    const count = tokenCountSchema.safeParse(entry.data.payload);
    const info = count.success ? count.data.info : null;
    if (info?.total_token_usage || info?.last_token_usage) times.push(entry.data.timestamp);
    if (times.length === 2) break;
  }
  return times;
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
