import type { UsageInput } from '../../normalize/usage.ts';
import type { CodexUsage } from './schema.ts';

/** Token counters in the shape spendlens carries between passes. */
export interface Counters {
  input: number;
  cached: number;
  output: number;
  reasoning: number;
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
  };
}

/**
 * The usage of one `token_count` event. The running total is preferred: Codex repeats an event with the
 * same totals (a rate-limit update), which then adds nothing, where `last_token_usage` would count it
 * twice. Without an earlier total, or when the total went down (a new conversation), the event's own
 * `last_token_usage` is taken, else the total itself.
 */
export function delta(
  total: Counters | null,
  last: Counters | null,
  previous: Counters | null,
): Counters | null {
  if (total && previous && !wentDown(total, previous)) {
    return {
      input: total.input - previous.input,
      cached: Math.max(0, total.cached - previous.cached),
      output: total.output - previous.output,
      reasoning: Math.max(0, total.reasoning - previous.reasoning),
    };
  }
  return last ?? total;
}

function wentDown(a: Counters, b: Counters): boolean {
  return a.input < b.input || a.output < b.output;
}

export function isZero(c: Counters): boolean {
  return c.input === 0 && c.cached === 0 && c.output === 0 && c.reasoning === 0;
}

/** One event's usage as a raw record: cached input apart from input, reasoning inside output, as OpenAI bills. */
export function codexRecord(
  event: { id: string; timestamp: string; model: string; guessed: boolean },
  usage: Counters,
  who: { user: string; project: string | null; session: string },
): UsageInput {
  const tags: Record<string, string> = { agent: 'codex', session: who.session.slice(0, 256) };
  if (event.guessed) tags.modelGuessed = 'true';
  return {
    id: event.id,
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
