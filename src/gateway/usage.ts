import type { UpstreamKind } from '../config/gateway.ts';

/** What a call used, as the provider counted it; `inputTokens` excludes cache reads and writes. */
export interface CallUsage {
  id: string | null;
  model: string | null;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  reasoningTokens: number;
  /** Priced details: `serviceTier`, `cacheTtl`. */
  tags: Record<string, string>;
  /** False when the provider's count never arrived (a stream cut short). */
  reported: boolean;
}

export const NO_USAGE: CallUsage = {
  id: null,
  model: null,
  inputTokens: 0,
  outputTokens: 0,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  reasoningTokens: 0,
  tags: {},
  reported: false,
};

// why by hand, not a schema: usage is read on every call. Each reader keeps a schema's rules: a field
// of the wrong type makes the whole usage unreadable (null), a missing or null one counts as absent.

type Obj = Record<string, unknown>;

const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const absent = (v: unknown): v is null | undefined => v === undefined || v === null;
/** A token count: a whole, non-negative, exactly representable number, or absent. */
const isCount = (v: unknown): v is number | null | undefined =>
  absent(v) || (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0);
const isText = (v: unknown): v is string | null | undefined => absent(v) || typeof v === 'string';
/** An object whose `fields` are all counts, or absent. */
const isCounts = (v: unknown, fields: string[]): v is Obj | null | undefined =>
  absent(v) || (isObject(v) && fields.every((f) => isCount(v[f])));

/** OpenAI's usage: Chat Completions and embeddings (`prompt_tokens`…) or Responses (`input_tokens`…). */
interface OpenAiUsage {
  prompt_tokens?: number | null;
  completion_tokens?: number | null;
  prompt_tokens_details?: { cached_tokens?: number | null } | null;
  completion_tokens_details?: { reasoning_tokens?: number | null } | null;
  input_tokens?: number | null;
  output_tokens?: number | null;
  input_tokens_details?: { cached_tokens?: number | null; cache_write_tokens?: number | null } | null;
  output_tokens_details?: { reasoning_tokens?: number | null } | null;
}

function openAiUsage(v: unknown): OpenAiUsage | null {
  return isObject(v) &&
    isCount(v.prompt_tokens) &&
    isCount(v.completion_tokens) &&
    isCounts(v.prompt_tokens_details, ['cached_tokens']) &&
    isCounts(v.completion_tokens_details, ['reasoning_tokens']) &&
    isCount(v.input_tokens) &&
    isCount(v.output_tokens) &&
    isCounts(v.input_tokens_details, ['cached_tokens', 'cache_write_tokens']) &&
    isCounts(v.output_tokens_details, ['reasoning_tokens'])
    ? (v as OpenAiUsage)
    : null;
}

/** Anthropic's usage; in `message_delta` every field but `output_tokens` may be null. */
interface AnthropicUsage {
  input_tokens?: number | null;
  output_tokens?: number | null;
  cache_read_input_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
  cache_creation?: {
    ephemeral_5m_input_tokens?: number | null;
    ephemeral_1h_input_tokens?: number | null;
  } | null;
  service_tier?: string | null;
}

function anthropicUsage(v: unknown): AnthropicUsage | null {
  return isObject(v) &&
    isCount(v.input_tokens) &&
    isCount(v.output_tokens) &&
    isCount(v.cache_read_input_tokens) &&
    isCount(v.cache_creation_input_tokens) &&
    isCounts(v.cache_creation, ['ephemeral_5m_input_tokens', 'ephemeral_1h_input_tokens']) &&
    isText(v.service_tier)
    ? (v as AnthropicUsage)
    : null;
}

/** A response body that carries usage: the call itself, or Responses' `response` inside an event. */
interface Body {
  id?: string | null;
  model?: string | null;
  service_tier?: string | null;
  usage?: unknown;
}

function bodyOf(v: unknown): Body | null {
  return isObject(v) && isText(v.id) && isText(v.model) && isText(v.service_tier) ? (v as Body) : null;
}

/** The usage of a whole (non-streamed) JSON response; null when it has none. */
export function usageOfBody(kind: UpstreamKind, json: unknown): CallUsage | null {
  const parsed = bodyOf(json);
  if (!parsed || parsed.usage === undefined || parsed.usage === null) return null;
  const base = { ...NO_USAGE, id: parsed.id ?? null, model: parsed.model ?? null };
  const merged = kind === 'anthropic' ? mergeAnthropic(base, parsed.usage) : mergeOpenAi(base, parsed.usage);
  if (!merged) return null;
  const tier = parsed.service_tier;
  return tier && kind === 'openai' ? { ...merged, tags: { ...merged.tags, serviceTier: tier } } : merged;
}

/** OpenAI counts cached tokens inside the input; the ledger counts them apart. */
export function mergeOpenAi(prev: CallUsage, raw: unknown): CallUsage | null {
  const u = openAiUsage(raw);
  if (!u) return null;
  const input = u.prompt_tokens ?? u.input_tokens ?? 0;
  const cached = u.prompt_tokens_details?.cached_tokens ?? u.input_tokens_details?.cached_tokens ?? 0;
  const written = u.input_tokens_details?.cache_write_tokens ?? 0;
  return {
    ...prev,
    inputTokens: Math.max(0, input - cached - written),
    cacheReadTokens: cached,
    cacheWriteTokens: written,
    outputTokens: u.completion_tokens ?? u.output_tokens ?? 0,
    reasoningTokens:
      u.completion_tokens_details?.reasoning_tokens ?? u.output_tokens_details?.reasoning_tokens ?? 0,
    reported: true,
  };
}

/**
 * Anthropic's usage over `prev`: each field the last non-null value seen. why: message_delta counts are
 * cumulative, so adding them double-counts (Claude Code did until 2.1.214).
 */
export function mergeAnthropic(prev: CallUsage, raw: unknown): CallUsage | null {
  const u = anthropicUsage(raw);
  if (!u) return null;
  const tags = { ...prev.tags };
  if (u.service_tier) tags.serviceTier = u.service_tier;
  const oneHour = u.cache_creation?.ephemeral_1h_input_tokens ?? 0;
  const fiveMin = u.cache_creation?.ephemeral_5m_input_tokens ?? 0;
  // why: the ledger prices one cache duration per record; a call writing only 1-hour entries gets that rate.
  if (oneHour > 0 && fiveMin === 0) tags.cacheTtl = '1h';
  return {
    ...prev,
    inputTokens: u.input_tokens ?? prev.inputTokens,
    outputTokens: u.output_tokens ?? prev.outputTokens,
    cacheReadTokens: u.cache_read_input_tokens ?? prev.cacheReadTokens,
    cacheWriteTokens: u.cache_creation_input_tokens ?? prev.cacheWriteTokens,
    tags,
    reported: true,
  };
}
