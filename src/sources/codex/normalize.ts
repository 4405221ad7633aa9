import { createHash } from 'node:crypto';
import type { UsageInput } from '../../normalize/usage.ts';
import type { CodexUsage } from './schema.ts';

/** Token counters in the shape spendlens carries between passes. */
export interface Counters {
  input: number;
  cached: number;
  output: number;
  reasoning: number;
  total: number;
}

// why: logs from early Codex builds name no model; ccusage prices those as gpt-5 too.
export const FALLBACK_MODEL = 'gpt-5';

export function counters(u: CodexUsage): Counters {
  const cached = u.cached_input_tokens ?? u.cache_read_input_tokens ?? 0;
  return {
    input: u.input_tokens,
    cached: Math.min(cached, u.input_tokens),
    output: u.output_tokens,
    reasoning: u.reasoning_output_tokens,
    // why: reasoning is part of output, so a missing total is input plus output (as Codex writes it).
    total: u.total_tokens ?? u.input_tokens + u.output_tokens,
  };
}

/**
 * The usage of one `token_count` event, as ccusage reads it. Codex repeats an event with unchanged
 * running totals (a rate-limit update, or history replayed into a fork): that adds nothing. Otherwise the
 * event's own `last_token_usage` is taken, else what the running total grew by since the previous event.
 */
export function delta(
  total: Counters | null,
  last: Counters | null,
  previous: Counters | null,
): Counters | null {
  if (total && previous && sameCounters(total, previous)) return null;
  if (last) return last;
  if (!total) return null;
  if (!previous) return total;
  return {
    input: Math.max(0, total.input - previous.input),
    cached: Math.max(0, total.cached - previous.cached),
    output: Math.max(0, total.output - previous.output),
    reasoning: Math.max(0, total.reasoning - previous.reasoning),
    total: Math.max(0, total.total - previous.total),
  };
}

export function sameCounters(a: Counters, b: Counters): boolean {
  return (
    a.input === b.input &&
    a.cached === b.cached &&
    a.output === b.output &&
    a.reasoning === b.reasoning &&
    a.total === b.total
  );
}

/**
 * The record id of one usage event: its timestamp, model and counters. A resumed or forked session copies
 * earlier events with their timestamps, and an archived session is the same file moved: each copy gets
 * the same id, so the ledger keeps one (ccusage drops the same copies by the same fields).
 */
export function codexEventId(timestamp: string, model: string, c: Counters): string {
  const key = [timestamp, model, c.input, c.cached, c.output, c.reasoning, c.total].join('\u0000');
  return `codex:${createHash('sha256').update(key).digest('hex').slice(0, 32)}`;
}

export function isZero(c: Counters): boolean {
  return c.input === 0 && c.cached === 0 && c.output === 0 && c.reasoning === 0;
}

/** One event's usage as a raw record: cached input apart from input, reasoning inside output, as OpenAI bills. */
export function codexRecord(
  event: { timestamp: string; model: string; guessed: boolean },
  usage: Counters,
  who: { user: string; project: string | null; session: string },
): UsageInput {
  const tags: Record<string, string> = { agent: 'codex', session: who.session.slice(0, 256) };
  if (event.guessed) tags.modelGuessed = 'true';
  return {
    id: codexEventId(event.timestamp, event.model, usage),
    source: 'codex',
    timestamp: event.timestamp,
    provider: 'openai',
    model: event.model,
    user: who.user,
    project: who.project,
    tags,
    inputTokens: usage.input - Math.min(usage.cached, usage.input),
    cacheReadTokens: Math.min(usage.cached, usage.input),
    outputTokens: usage.output,
    reasoningTokens: Math.min(usage.reasoning, usage.output),
  };
}
