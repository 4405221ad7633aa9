import type { AppContext } from '../app/context.ts';
import { ingestUsage } from '../app/ingest.ts';
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
 * Writes a call as one ledger record, priced like any other: the provider's response id as its id (so
 * the same call reported twice is one record), the model the provider answered with.
 */
export async function recordCall(
  ctx: AppContext,
  call: FinishedCall,
): Promise<{ costMicros: number | null; tokens: number }> {
  const u = call.usage;
  const s = call.scope;
  const tags = { ...s.tags, ...u.tags, ...(u.reported ? {} : { usage: 'not-reported' }) };
  const item = {
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
  const result = await ingestUsage(ctx, { org: call.org, source: 'gateway', items: [item] });
  if (result.rejected.length > 0) {
    const why = result.rejected[0]?.errors.map((e) => `${e.path}: ${e.message}`).join('; ');
    throw new Error(`gateway record ${item.id} was refused: ${why}`);
  }
  const tokens = u.inputTokens + u.outputTokens + u.cacheReadTokens + u.cacheWriteTokens;
  return { costMicros: null, tokens };
}
