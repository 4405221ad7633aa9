import { z } from 'zod';

// Every non-required field is optional: older accounts and API versions leave them out.
const count = z.number().int().nonnegative().nullish();
const dim = z.string().nullish();

/** One usage result of any `/organization/usage/*` endpoint; `object` tells which. */
export const usageResultSchema = z.object({
  object: z.string(),
  input_tokens: count,
  output_tokens: count,
  input_cached_tokens: count,
  input_cache_write_tokens: count,
  input_uncached_tokens: count,
  input_audio_tokens: count,
  input_cached_audio_tokens: count,
  output_audio_tokens: count,
  input_image_tokens: count,
  input_cached_image_tokens: count,
  output_image_tokens: count,
  num_model_requests: count,
  num_requests: count,
  num_sessions: count,
  images: count,
  characters: count,
  seconds: count,
  usage_bytes: count,
  project_id: dim,
  user_id: dim,
  api_key_id: dim,
  model: dim,
  batch: z.boolean().nullish(),
  service_tier: dim,
  size: dim,
  source: dim,
  context_level: dim,
  vector_store_id: dim,
});
export type UsageResult = z.output<typeof usageResultSchema>;

/** One Costs API result. `amount.value` is in dollars, and arrives as a number or a numeric string. */
export const costResultSchema = z.object({
  object: z.literal('organization.costs.result'),
  amount: z
    .object({
      value: z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/, 'must be a decimal')]),
      currency: z.string().min(3),
    })
    .nullish(),
  line_item: dim,
  project_id: dim,
  api_key_id: dim,
  quantity: z.number().nullish(),
  quantity_unit: dim,
});
export type CostResult = z.output<typeof costResultSchema>;

const bucket = <T extends z.ZodType>(result: T) =>
  z.object({
    object: z.literal('bucket'),
    start_time: z.number().int(),
    end_time: z.number().int(),
    results: z.array(result),
  });

const page = <T extends z.ZodType>(result: T) =>
  z.object({
    object: z.literal('page'),
    data: z.array(bucket(result)),
    has_more: z.boolean(),
    next_page: z.string().nullable(),
  });

export const usagePageSchema = page(usageResultSchema);
export const costPageSchema = page(costResultSchema);
export type UsagePage = z.output<typeof usagePageSchema>;
export type CostPage = z.output<typeof costPageSchema>;
export type Bucket<R> = { start_time: number; end_time: number; results: R[] };
