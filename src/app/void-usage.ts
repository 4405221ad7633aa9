import { z } from 'zod';
import type { UsageRecord } from '../domain/record.ts';
import type { AppContext } from './context.ts';

/** Most ids one void call takes; list the records first (`GET /api/v1/usage`) to find them. */
export const MAX_VOID_IDS = 1000;

/** The body of `POST /api/v1/usage/void` and the CLI's `usage void`: ids, a dry-run flag, a reason. */
export const voidRequestSchema = z.object({
  ids: z
    .array(z.string().min(1).max(256))
    .min(1, 'must name at least one record id')
    .max(MAX_VOID_IDS, `at most ${MAX_VOID_IDS} ids per call`),
  dryRun: z.boolean().default(false),
  reason: z.string().trim().max(500).optional(),
});

export type VoidRequest = z.infer<typeof voidRequestSchema>;

export interface VoidResult {
  dryRun: boolean;
  /** Records removed (or, in a dry run, that would be). */
  voided: number;
  ids: string[];
  /** Ids the org's ledger does not hold. */
  missing: string[];
}

/**
 * Removes records from the ledger and its rollups, and writes an audit entry naming each record,
 * its source, cost and tokens, so a voided record can be told apart later. A dry run only finds them.
 */
export async function voidUsage(
  ctx: AppContext,
  input: VoidRequest & { org: string; actor: string },
): Promise<VoidResult> {
  const ids = [...new Set(input.ids)];
  const found = await ctx.usage.voidUsage(input.org, ids, input.dryRun);
  const hit = new Set(found.map((r) => r.id));
  const result = {
    dryRun: input.dryRun,
    voided: found.length,
    ids: found.map((r) => r.id),
    missing: ids.filter((id) => !hit.has(id)),
  };
  if (input.dryRun || found.length === 0) return result;
  await ctx.audit.addAudit({
    org: input.org,
    at: ctx.now(),
    actor: input.actor,
    action: 'usage.void',
    detail: { count: found.length, reason: input.reason ?? null, records: found.map(auditLine) },
  });
  return result;
}

/** What the audit keeps of a voided record. */
function auditLine(r: UsageRecord) {
  return {
    id: r.id,
    source: r.source,
    timestamp: r.timestamp.toISOString(),
    model: `${r.provider}/${r.model}`,
    costMicros: r.costMicros === null ? null : String(r.costMicros),
    currency: r.currency,
    tokens: [r.inputTokens, r.outputTokens, r.cacheReadTokens, r.cacheWriteTokens, r.reasoningTokens],
    requests: r.requests,
  };
}
