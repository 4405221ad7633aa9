import type { AppContext } from '../app/context.ts';
import type { UsageRecord } from '../domain/record.ts';
import { priceRecord } from '../price/price-record.ts';
import { converterOf } from './budgets.ts';

/** Bytes of request body per input token, on the low side so the estimate errs high. */
const BYTES_PER_TOKEN = 3;

/**
 * The most a call may cost, in micro-units of the reporting currency: its body read as input tokens
 * (about 4 bytes each in English; 3 counted, so it errs high) and its output cap (the client's
 * max_tokens, else `[gateway] default_max_tokens`) at the model's catalog price. An unknown model
 * reserves nothing: its calls are then held only by the spend already recorded.
 */
export function estimateMicros(
  ctx: AppContext,
  call: {
    provider: string;
    model: string | null;
    bodyBytes: number;
    maxTokens: number | null;
    embeddings: boolean;
  },
  now: Date,
): bigint {
  if (call.model === null) return 0n;
  const record: UsageRecord = {
    id: 'estimate',
    org: '',
    source: 'gateway',
    timestamp: now,
    endTimestamp: null,
    provider: call.provider,
    service: call.embeddings ? 'embeddings' : 'chat',
    model: call.model,
    user: null,
    team: null,
    project: null,
    apiKey: null,
    context: null,
    tags: {},
    inputTokens: Math.ceil(call.bodyBytes / BYTES_PER_TOKEN),
    outputTokens: call.embeddings ? 0 : (call.maxTokens ?? ctx.config.gateway.defaultMaxTokens),
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    reasoningTokens: 0,
    requests: 1,
    costMicros: null,
    currency: 'USD',
    costKind: 'unpriced',
  };
  try {
    const priced = priceRecord(record, ctx.catalog);
    if (priced.costMicros === null) return 0n;
    return converterOf(ctx.config).convert(BigInt(priced.costMicros), priced.currency) ?? 0n;
  } catch {
    // why: an estimate past exact range (an absurd max_tokens) reserves as much as can be written.
    return BigInt(Number.MAX_SAFE_INTEGER);
  }
}
