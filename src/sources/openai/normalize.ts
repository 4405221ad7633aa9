import { INVOICE_SERVICE } from '../../domain/record.ts';
import type { UsageInput } from '../../normalize/usage.ts';
import type { Width } from '../http/adapter.ts';
import { bucketId, countTags } from '../http/ids.ts';
import type { UsageEndpoint } from './endpoints.ts';
import type { Bucket, CostResult, UsageResult } from './schema.ts';

const iso = (unixSeconds: number) => new Date(unixSeconds * 1000).toISOString();

/**
 * One Usage API result as a record. `input_tokens` counts cache reads and writes; spendlens's
 * `inputTokens` does not, so they come out (from `input_uncached_tokens` when the API sends it).
 */
export function usageToInput(
  name: string,
  endpoint: UsageEndpoint,
  width: Width,
  bucket: Bucket<UsageResult>,
  r: UsageResult,
): UsageInput {
  const cacheRead = r.input_cached_tokens ?? 0;
  const cacheWrite = r.input_cache_write_tokens ?? 0;
  const input = r.input_uncached_tokens ?? Math.max(0, (r.input_tokens ?? 0) - cacheRead - cacheWrite);
  const dims = [r.project_id, r.user_id, r.api_key_id, r.model, r.batch, r.service_tier, r.size, r.source];
  // why: appended only when set, so the ids of buckets fetched before these groupings existed stay the same.
  if (r.context_level) dims.push(r.context_level);
  if (r.vector_store_id) dims.push(r.vector_store_id);
  const calls = endpoint.service === 'web-search' || endpoint.service === 'file-search';
  return {
    id: bucketId(`openai:${name}:${width}:${bucket.start_time}`, dims),
    timestamp: iso(bucket.start_time),
    endTimestamp: iso(bucket.end_time),
    provider: 'openai',
    service: r.batch ? 'batch' : endpoint.service,
    model: r.model ?? endpoint.model ?? '(unknown)',
    user: r.user_id ?? null,
    project: r.project_id ?? null,
    apiKey: r.api_key_id ?? null,
    tags: {
      ...(r.service_tier ? { serviceTier: r.service_tier } : {}),
      ...(r.size ? { size: r.size } : {}),
      ...(r.source ? { imageSource: r.source } : {}),
      ...(r.context_level ? { contextLevel: r.context_level } : {}),
      ...(r.vector_store_id ? { vectorStore: r.vector_store_id } : {}),
      ...countTags({
        images: r.images,
        characters: r.characters,
        seconds: r.seconds,
        usageBytes: r.usage_bytes,
        ...modalityTags(r),
        ...(endpoint.service === 'web-search' && { webSearchRequests: r.num_requests }),
        ...(endpoint.service === 'file-search' && { fileSearchRequests: r.num_requests }),
      }),
    },
    inputTokens: input,
    outputTokens: r.output_tokens ?? 0,
    cacheReadTokens: cacheRead,
    cacheWriteTokens: cacheWrite,
    requests: (calls ? r.num_requests : r.num_model_requests) ?? r.num_requests ?? r.num_sessions ?? 0,
  };
}

/**
 * The audio and image parts of a completions bucket, in the detail tags the price stage reads. The
 * API's `input_*` counts include cached tokens; spendlens's input does not, so the cached part moves
 * to the cache-read detail.
 */
function modalityTags(r: UsageResult): Record<string, number> {
  const cachedAudio = r.input_cached_audio_tokens ?? 0;
  const cachedImage = r.input_cached_image_tokens ?? 0;
  return {
    inputAudioTokens: Math.max(0, (r.input_audio_tokens ?? 0) - cachedAudio),
    cacheReadAudioTokens: cachedAudio,
    outputAudioTokens: r.output_audio_tokens ?? 0,
    inputImageTokens: Math.max(0, (r.input_image_tokens ?? 0) - cachedImage),
    cacheReadImageTokens: cachedImage,
    outputImageTokens: r.output_image_tokens ?? 0,
  };
}

/**
 * One Costs API line as a `billed` invoice record: no tokens (the usage records hold them), the line
 * item as the model, and the quantity as tags. Lines without an amount carry nothing and are dropped.
 */
export function costToInput(bucket: Bucket<CostResult>, r: CostResult): UsageInput | null {
  if (!r.amount) return null;
  return {
    id: bucketId(`openai:costs:1d:${bucket.start_time}`, [r.line_item, r.project_id, r.api_key_id]),
    timestamp: iso(bucket.start_time),
    endTimestamp: iso(bucket.end_time),
    provider: 'openai',
    service: INVOICE_SERVICE,
    model: r.line_item ?? '(all line items)',
    project: r.project_id ?? null,
    apiKey: r.api_key_id ?? null,
    tags: {
      ...(r.line_item ? { lineItem: r.line_item } : {}),
      ...(r.quantity_unit ? { quantityUnit: r.quantity_unit } : {}),
      ...countTags({ quantity: r.quantity }),
      // why: a credit or refund on the bill is a negative line; it stays negative and is shown as a credit.
      ...(String(r.amount.value).trim().startsWith('-') ? { credit: 'true' } : {}),
    },
    inputTokens: 0,
    outputTokens: 0,
    requests: 0,
    cost: r.amount.value,
    currency: r.amount.currency,
    costKind: 'billed',
  };
}
