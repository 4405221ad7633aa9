import { formatMicros, parseMicros } from '../../domain/money.ts';
import type { UsageInput } from '../../normalize/usage.ts';
import { type Attrs, type Checked, countAttr, pickText, stableId } from './values.ts';

/** The coding assistants whose telemetry spendlens books, as `tags.agent` names them. */
export const AGENTS = ['claude-code', 'codex', 'gemini-cli'] as const;
export type Agent = (typeof AGENTS)[number];

/** When an event happened: the ISO instant, the text its id uses, and the OTLP field it came from. */
export interface When {
  iso: string;
  key: string;
  field: string;
}

/** A usage event as a raw record, with the attribute each record field came from (for error messages). */
export interface EventUsage {
  item: UsageInput;
  agent: Agent;
  names: Record<string, string>;
}

export type EventOutcome = { kind: 'usage'; usage: EventUsage } | { kind: 'rejected'; message: string };

/** Reads one usage event of a known kind (see `usageEventKind`). */
export function eventToUsage(kind: UsageEventKind, attrs: Attrs, when: When): EventOutcome {
  const model = pickText(attrs, 'model');
  if (!model) return { kind: 'rejected', message: 'model: missing; every usage event names its model' };
  return READERS[kind](attrs, when, model);
}

/** The event names that carry usage, with the agent that sends them. */
export const USAGE_EVENTS = {
  'claude_code.api_request': 'claude-code',
  'codex.sse_event': 'codex',
  'codex.websocket_event': 'codex',
  'gemini_cli.api_response': 'gemini-cli',
} as const satisfies Record<string, Agent>;
export type UsageEventKind = keyof typeof USAGE_EVENTS;

type Reader = (attrs: Attrs, when: When, model: string) => EventOutcome;

const READERS: Record<UsageEventKind, Reader> = {
  'claude_code.api_request': claudeApiRequest,
  'codex.sse_event': codexCompleted,
  'codex.websocket_event': codexCompleted,
  'gemini_cli.api_response': geminiResponse,
};

/**
 * Claude Code's `api_request`: its `cost_usd` is booked as the reported cost (`cost_usd_micros` when sent,
 * being exact); Anthropic's `input_tokens` already excludes cache tokens. The id is the session, the
 * event's sequence (or prompt id) and its timestamp, so an exporter's retry adds nothing.
 */
function claudeApiRequest(attrs: Attrs, when: When, model: string): EventOutcome {
  const counts = readCounts(attrs, [
    'input_tokens',
    'output_tokens',
    'cache_read_tokens',
    'cache_creation_tokens',
  ]);
  if (!counts.ok) return { kind: 'rejected', message: counts.message };
  const [input, output, cacheRead, cacheWrite] = counts.values;
  const cost = claudeCost(attrs);
  if (!cost.ok) return { kind: 'rejected', message: cost.message };
  const session = pickText(attrs, 'session.id');
  const seq = pickText(attrs, 'event.sequence', 'prompt.id');
  const tags = baseTags('claude-code', session);
  addTag(tags, 'organization', pickText(attrs, 'organization.id'));
  addTag(tags, 'terminal', pickText(attrs, 'terminal.type'));
  addTag(tags, 'durationMs', pickText(attrs, 'duration_ms'));
  addTag(tags, 'requestId', pickText(attrs, 'request_id'));
  addTag(tags, 'speed', pickText(attrs, 'speed'));
  return usage('claude-code', attrs, when, {
    id: session && seq ? stableId('claude-code', session, seq, when.key) : undefined,
    provider: 'anthropic',
    model,
    user: pickText(attrs, 'user.email', 'user.account_uuid', 'user.account_id'),
    tags,
    inputTokens: input,
    outputTokens: output,
    cacheReadTokens: cacheRead,
    cacheWriteTokens: cacheWrite,
    ...(cost.value === undefined ? {} : { cost: cost.value, costKind: 'billed' as const }),
  });
}

/** Codex sends no cost: its completed responses are priced from the catalog. OpenAI counts cached input inside input. */
function codexCompleted(attrs: Attrs, when: When, model: string): EventOutcome {
  const counts = readCounts(attrs, [
    'input_token_count',
    'output_token_count',
    'cached_token_count',
    'reasoning_token_count',
  ]);
  if (!counts.ok) return { kind: 'rejected', message: counts.message };
  const [input, output, cached, reasoning] = counts.values;
  const session = pickText(attrs, 'conversation.id');
  return usage('codex', attrs, when, {
    id: session ? stableId('codex', session, when.key) : undefined,
    provider: 'openai',
    model,
    user: pickText(attrs, 'user.email', 'user.account_id'),
    tags: baseTags('codex', session),
    inputTokens: input - Math.min(cached, input),
    cacheReadTokens: Math.min(cached, input),
    outputTokens: output,
    reasoningTokens: Math.min(reasoning, output),
  });
}

/**
 * Gemini CLI's `api_response`: no cost, priced from the catalog. Gemini counts cached tokens inside the
 * prompt count and thoughts and tool-use prompts apart; spendlens keeps reasoning inside output.
 */
function geminiResponse(attrs: Attrs, when: When, model: string): EventOutcome {
  const counts = readCounts(attrs, [
    'input_token_count',
    'output_token_count',
    'cached_content_token_count',
    'thoughts_token_count',
    'tool_token_count',
  ]);
  if (!counts.ok) return { kind: 'rejected', message: counts.message };
  const [input, output, cached, thoughts, tool] = counts.values;
  const session = pickText(attrs, 'session.id');
  const prompt = pickText(attrs, 'prompt_id') ?? '';
  return usage('gemini-cli', attrs, when, {
    id: session ? stableId('gemini-cli', session, prompt, when.key) : undefined,
    provider: 'google',
    model,
    user: pickText(attrs, 'user.email'),
    tags: baseTags('gemini-cli', session),
    inputTokens: input - Math.min(cached, input) + tool,
    cacheReadTokens: Math.min(cached, input),
    outputTokens: output + thoughts,
    reasoningTokens: thoughts,
  });
}

const NAMES: Record<Agent, Record<string, string>> = {
  'claude-code': {
    model: 'model',
    cost: 'cost_usd',
    user: 'user.email',
    inputTokens: 'input_tokens',
    outputTokens: 'output_tokens',
    cacheReadTokens: 'cache_read_tokens',
    cacheWriteTokens: 'cache_creation_tokens',
  },
  codex: {
    model: 'model',
    user: 'user.email',
    inputTokens: 'input_token_count',
    outputTokens: 'output_token_count',
  },
  'gemini-cli': {
    model: 'model',
    user: 'user.email',
    inputTokens: 'input_token_count',
    outputTokens: 'output_token_count',
  },
};

/**
 * The record with what every assistant shares: source `otlp`, the event's time, and the team and project
 * a team sets in `OTEL_RESOURCE_ATTRIBUTES` (`spendlens.team` or `team.id`, `spendlens.project`).
 */
function usage(
  agent: Agent,
  attrs: Attrs,
  when: When,
  fields: Omit<UsageInput, 'timestamp' | 'source'>,
): EventOutcome {
  const item: UsageInput = { source: 'otlp', timestamp: when.iso, ...fields };
  if (item.id === undefined) delete item.id;
  const team = pickText(attrs, 'spendlens.team', 'team.id');
  const project = pickText(attrs, 'spendlens.project');
  if (team) item.team = team;
  if (project) item.project = project;
  return { kind: 'usage', usage: { item, agent, names: { ...NAMES[agent], timestamp: when.field } } };
}

/** Tags every assistant record carries: the agent, that it came from an event, the session. */
function baseTags(agent: Agent, session: string | undefined): Record<string, string> {
  const tags: Record<string, string> = { agent, signal: 'event' };
  addTag(tags, 'session', session);
  return tags;
}

function addTag(tags: Record<string, string>, key: string, value: string | undefined): void {
  if (value) tags[key] = value;
}

/** The token counts named by `keys`, in order, or the first one that cannot be booked. */
function readCounts<const K extends readonly string[]>(
  attrs: Attrs,
  keys: K,
): { ok: true; values: { [I in keyof K]: number } } | { ok: false; message: string } {
  const values: number[] = [];
  for (const key of keys) {
    const checked = countAttr(attrs.own, key);
    if (!checked.ok) return checked;
    values.push(checked.value);
  }
  return { ok: true, values: values as { [I in keyof K]: number } };
}

// why: one record's cost is held to a billion dollars; a bigger figure is a broken exporter, not spend.
const MAX_COST_MICROS = 1_000_000_000_000_000n;

/** The reported cost as a decimal string: `cost_usd_micros` when sent (exact), else `cost_usd`. */
function claudeCost(attrs: Attrs): { ok: true; value: string | undefined } | { ok: false; message: string } {
  const micros = attrs.own.get('cost_usd_micros');
  if (micros !== undefined) {
    const checked: Checked = checkMicros(String(micros));
    if (!checked.ok) return checked;
    return { ok: true, value: formatMicros(checked.value) };
  }
  const dollars = attrs.own.get('cost_usd');
  if (dollars === undefined) return { ok: true, value: undefined };
  let value: bigint;
  try {
    value = BigInt(parseMicros(typeof dollars === 'number' ? dollars : String(dollars)));
  } catch {
    return {
      ok: false,
      message: `cost_usd: must be a decimal amount of USD, got "${String(dollars).slice(0, 32)}"`,
    };
  }
  if (value < 0n) return { ok: false, message: 'cost_usd: must not be negative' };
  if (value > MAX_COST_MICROS)
    return { ok: false, message: 'cost_usd: must be at most 1000000000 USD per request' };
  return { ok: true, value: formatMicros(value) };
}

function checkMicros(text: string): Checked {
  if (!/^-?\d+$/.test(text.trim()))
    return { ok: false, message: `cost_usd_micros: must be a whole number, got "${text.slice(0, 32)}"` };
  const value = BigInt(text.trim());
  if (value < 0n) return { ok: false, message: 'cost_usd_micros: must not be negative' };
  if (value > MAX_COST_MICROS)
    return { ok: false, message: 'cost_usd_micros: must be at most 10^15 (a billion USD) per request' };
  return { ok: true, value: Number(value) };
}
