import { decimalToScaled, formatMicros } from '../../domain/money.ts';
import { INVOICE_SERVICE } from '../../domain/record.ts';
import type { UsageInput } from '../../normalize/usage.ts';
import type { Width } from '../http/adapter.ts';
import { bucketId, countTags } from '../http/ids.ts';
import type { Bucket, CostRow, UsageRow } from './schema.ts';

// why: the same instant may be spelled with or without milliseconds; ids must not depend on it.
const instant = (text: string) => new Date(text).toISOString();

/**
 * One usage-report row as records. The report has no request count, so `requests` is 0. Cache writes
 * at the 1-hour rate cost more than 5-minute ones, so a row with both becomes two records: the second
 * (`…:1h`) holds only the 1-hour writes, tagged `cacheTtl: 1h` for the catalog.
 */
export function usageToInputs(width: Width, bucket: Bucket<UsageRow>, r: UsageRow): UsageInput[] {
  const id = bucketId(`anthropic:messages:${width}:${instant(bucket.starting_at)}`, idDims(r));
  const base = {
    timestamp: bucket.starting_at,
    endTimestamp: bucket.ending_at,
    provider: 'anthropic',
    service: r.service_tier === 'batch' ? 'batch' : 'chat',
    model: r.model ?? '(unknown)',
    project: r.workspace_id ?? null,
    apiKey: r.api_key_id ?? null,
    requests: 0,
  };
  const tags = {
    ...(r.workspace_id ? { workspace: r.workspace_id } : {}),
    ...(r.service_tier ? { serviceTier: r.service_tier } : {}),
    ...(r.context_window ? { contextWindow: r.context_window } : {}),
    ...(r.inference_geo ? { inferenceGeo: r.inference_geo } : {}),
    ...(r.speed ? { speed: r.speed } : {}),
  };
  const main: UsageInput = {
    ...base,
    id,
    tags: { ...tags, ...countTags({ webSearchRequests: r.server_tool_use?.web_search_requests }) },
    inputTokens: r.uncached_input_tokens,
    outputTokens: r.output_tokens,
    cacheReadTokens: r.cache_read_input_tokens,
    cacheWriteTokens: r.cache_creation?.ephemeral_5m_input_tokens ?? 0,
  };
  const hour = r.cache_creation?.ephemeral_1h_input_tokens ?? 0;
  if (hour === 0) return [main];
  return [main, { ...base, id: `${id}:1h`, tags: { ...tags, cacheTtl: '1h' }, cacheWriteTokens: hour }];
}

/**
 * The dimensions that identify a row. The ordinary values of the groupings added later (`0-200k`, a
 * non-US geo, standard speed) count as unset, so an ordinary bucket keeps the id it had before the
 * report was split by them, and a re-fetch replaces it instead of counting it twice.
 */
function idDims(r: UsageRow): (string | null | undefined)[] {
  const window = r.context_window === '0-200k' ? null : r.context_window;
  const geo = r.inference_geo === 'us' ? r.inference_geo : null;
  const dims = [r.model, r.workspace_id, r.api_key_id, r.service_tier, window, geo];
  return r.speed && r.speed !== 'standard' ? [...dims, r.speed] : dims;
}

/** One cost-report line as a `billed` invoice record; cents become dollars exactly (÷ 100). */
export function costToInput(bucket: Bucket<CostRow>, r: CostRow): UsageInput {
  const dims = [
    r.workspace_id,
    r.description,
    r.cost_type,
    r.model,
    r.service_tier,
    r.context_window,
    r.token_type,
  ];
  // why: cents scaled by 10^4 are micro-dollars, so no float ever touches the amount.
  const micros = decimalToScaled(r.amount, 4) ?? 0n;
  return {
    id: bucketId(`anthropic:cost:1d:${instant(bucket.starting_at)}`, dims),
    timestamp: bucket.starting_at,
    endTimestamp: bucket.ending_at,
    provider: 'anthropic',
    service: INVOICE_SERVICE,
    model: r.model ?? r.description ?? '(all cost types)',
    project: r.workspace_id ?? null,
    tags: {
      ...(r.workspace_id ? { workspace: r.workspace_id } : {}),
      ...(r.description ? { description: r.description } : {}),
      ...(r.cost_type ? { costType: r.cost_type } : {}),
      ...(r.token_type ? { tokenType: r.token_type } : {}),
      ...(r.context_window ? { contextWindow: r.context_window } : {}),
      ...(r.service_tier ? { serviceTier: r.service_tier } : {}),
      ...(r.speed ? { speed: r.speed } : {}),
      ...(micros < 0n ? { credit: 'true' } : {}),
    },
    inputTokens: 0,
    outputTokens: 0,
    requests: 0,
    cost: formatMicros(micros),
    currency: r.currency,
    costKind: 'billed',
  };
}
