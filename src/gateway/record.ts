import type { CallScope } from './budgets.ts';
import type { CallUsage } from './usage.ts';

/** One finished call as the ledger's ingest takes it. */
export interface FinishedCall {
  org: string;
  /** The gateway's own id, used when the provider gave none (embeddings). */
  fallbackId: string;
  startedAt: Date;
  endedAt: Date;
  provider: string;
  service: 'chat' | 'embeddings';
  requestModel: string | null;
  scope: CallScope;
  usage: CallUsage;
}

/**
 * A call as the raw item of one ledger record, priced like any other at ingest: the provider's response
 * id as its id (so the same call reported twice is one record), the model the provider answered with.
 */
export function recordItem(call: FinishedCall): Record<string, unknown> {
  const u = call.usage;
  const s = call.scope;
  const tags = { ...s.tags, ...u.tags, ...(u.reported ? {} : { usage: 'not-reported' }) };
  return {
    id: u.id ?? call.fallbackId,
    timestamp: call.startedAt.toISOString(),
    endTimestamp: call.endedAt.toISOString(),
    provider: call.provider,
    service: call.service,
    model: u.model ?? call.requestModel ?? 'unknown',
    user: s.user ?? null,
    team: s.team ?? null,
    project: s.project ?? null,
    apiKey: s.apiKey ?? null,
    tags,
    inputTokens: u.inputTokens,
    outputTokens: u.outputTokens,
    cacheReadTokens: u.cacheReadTokens,
    cacheWriteTokens: u.cacheWriteTokens,
    reasoningTokens: u.reasoningTokens,
    requests: 1,
  };
}

/** The tokens a call counts against its key's tokens per minute. */
export function callTokens(u: CallUsage): number {
  return u.inputTokens + u.outputTokens + u.cacheReadTokens + u.cacheWriteTokens;
}
