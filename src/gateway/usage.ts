import { z } from 'zod';
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

const count = z.number().int().min(0).nullish();

/** OpenAI's usage: Chat Completions and embeddings (`prompt_tokens`…) or Responses (`input_tokens`…). */
const openAiUsage = z.looseObject({
  prompt_tokens: count,
  completion_tokens: count,
  prompt_tokens_details: z.looseObject({ cached_tokens: count }).nullish(),
  completion_tokens_details: z.looseObject({ reasoning_tokens: count }).nullish(),
  input_tokens: count,
  output_tokens: count,
  input_tokens_details: z.looseObject({ cached_tokens: count, cache_write_tokens: count }).nullish(),
  output_tokens_details: z.looseObject({ reasoning_tokens: count }).nullish(),
});

/** Anthropic's usage; in `message_delta` every field but `output_tokens` may be null. */
const anthropicUsage = z.looseObject({
  input_tokens: count,
  output_tokens: count,
  cache_read_input_tokens: count,
  cache_creation_input_tokens: count,
  cache_creation: z
    .looseObject({ ephemeral_5m_input_tokens: count, ephemeral_1h_input_tokens: count })
    .nullish(),
  service_tier: z.string().nullish(),
});

/** A response body that carries usage: the call itself, or Responses' `response` inside an event. */
const body = z.looseObject({
  id: z.string().nullish(),
  model: z.string().nullish(),
  service_tier: z.string().nullish(),
  usage: z.unknown().optional(),
});

/** The usage of a whole (non-streamed) JSON response; null when it has none. */
export function usageOfBody(kind: UpstreamKind, json: unknown): CallUsage | null {
  const parsed = body.safeParse(json);
  if (!parsed.success || parsed.data.usage === undefined || parsed.data.usage === null) return null;
  const base = { ...NO_USAGE, id: parsed.data.id ?? null, model: parsed.data.model ?? null };
  const merged =
    kind === 'anthropic' ? mergeAnthropic(base, parsed.data.usage) : mergeOpenAi(base, parsed.data.usage);
  if (!merged) return null;
  const tier = parsed.data.service_tier;
  return tier && kind === 'openai' ? { ...merged, tags: { ...merged.tags, serviceTier: tier } } : merged;
}

/** OpenAI counts cached tokens inside the input; the ledger counts them apart. */
export function mergeOpenAi(prev: CallUsage, raw: unknown): CallUsage | null {
  const parsed = openAiUsage.safeParse(raw);
  if (!parsed.success) return null;
  const u = parsed.data;
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
  const parsed = anthropicUsage.safeParse(raw);
  if (!parsed.success) return null;
  const u = parsed.data;
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
