import type { UsageInput } from '../../normalize/usage.ts';
import { bucketId } from '../http/ids.ts';
import type { Activity, ApiKey } from './schema.ts';

const DAY_MS = 86_400_000;

/**
 * One model endpoint's day on one key as a billed record at `usage` (what OpenRouter charged in
 * credits). BYOK inference is billed by the upstream provider, whose own source may count it: it goes
 * into a tag, not into the cost. The key's name stands for the person (teams name keys after people
 * or services); its label (`sk-or-v1-abc...xyz`) is the api key.
 */
export function activityToInput(day: string, key: ApiKey, row: Activity): UsageInput {
  const start = new Date(`${day}T00:00:00Z`);
  const byok = row.byok_usage_inference;
  return {
    id: bucketId(`openrouter:1d:${day}`, [key.hash, row.model_permaslug ?? row.model, row.endpoint_id]),
    timestamp: start.toISOString(),
    endTimestamp: new Date(start.getTime() + DAY_MS).toISOString(),
    provider: 'openrouter',
    service: 'chat',
    model: row.model,
    user: key.name || key.label || null,
    apiKey: key.label || key.hash,
    tags: {
      ...(row.provider_name ? { upstream: row.provider_name } : {}),
      ...(key.creator_user_id ? { creatorUserId: key.creator_user_id } : {}),
      ...(byok != null && Number(byok) !== 0 ? { byokUsage: String(byok) } : {}),
    },
    inputTokens: row.prompt_tokens,
    outputTokens: row.completion_tokens,
    // why: OpenRouter counts reasoning within completion tokens, as it bills them.
    reasoningTokens: Math.min(row.reasoning_tokens, row.completion_tokens),
    requests: row.requests,
    cost: String(row.usage),
    currency: 'USD',
    costKind: 'billed',
  };
}
