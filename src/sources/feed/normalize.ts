import type { UsageInput } from '../../normalize/usage.ts';
import type { Transaction } from './schema.ts';

/**
 * A feed transaction as a record. The feed's `service` names the provider (as spendlens's own feed does);
 * `tokens_in` counts cache tokens too, since the feed does not split them. A `cost_<currency>` value
 * makes the record billed in that currency; without one the catalog prices it.
 */
export function transactionToInput(sourceId: string, t: Transaction): UsageInput {
  const costKey = Object.keys(t).find(
    (k) => /^cost_[a-z]{3}$/.test(k) && t[k] !== null && t[k] !== undefined,
  );
  const cost = costKey ? (t[costKey] as string | number) : null;
  return {
    id: `${sourceId}:${t.id}`,
    timestamp: t.timestamp,
    provider: t.service.toLowerCase(),
    service: 'chat',
    model: t.model,
    user: t.user_id ?? null,
    project: t.project_id ?? null,
    inputTokens: t.tokens_in ?? 0,
    outputTokens: t.tokens_out ?? 0,
    ...(costKey ? { cost, currency: costKey.slice(5).toUpperCase(), costKind: 'billed' as const } : {}),
  };
}
