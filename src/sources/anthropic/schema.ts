import { z } from 'zod';

const count = z.number().int().nonnegative();
const dim = z.string().nullish();

/** One row of `usage_report/messages`; dimensions are null unless grouped by them. */
export const usageRowSchema = z.object({
  uncached_input_tokens: count.default(0),
  cache_read_input_tokens: count.default(0),
  cache_creation: z
    .object({
      ephemeral_5m_input_tokens: count.default(0),
      ephemeral_1h_input_tokens: count.default(0),
    })
    .nullish(),
  output_tokens: count.default(0),
  server_tool_use: z.object({ web_search_requests: count.default(0) }).nullish(),
  api_key_id: dim,
  workspace_id: dim,
  model: dim,
  service_tier: dim,
  context_window: dim,
  inference_geo: dim,
  speed: dim,
});
export type UsageRow = z.output<typeof usageRowSchema>;

/** One row of `cost_report`: `amount` is in the lowest currency unit (cents) as a decimal string. */
export const costRowSchema = z.object({
  amount: z.string().regex(/^-?\d+(\.\d+)?$/, 'must be a decimal string of cents'),
  currency: z.string().min(3),
  workspace_id: dim,
  description: dim,
  cost_type: dim,
  model: dim,
  service_tier: dim,
  context_window: dim,
  token_type: dim,
  inference_geo: dim,
  speed: dim,
});
export type CostRow = z.output<typeof costRowSchema>;

const page = <T extends z.ZodType>(row: T) =>
  z.object({
    data: z.array(
      z.object({
        starting_at: z.iso.datetime({ offset: true }),
        ending_at: z.iso.datetime({ offset: true }),
        results: z.array(row),
      }),
    ),
    has_more: z.boolean(),
    next_page: z.string().nullable(),
  });

export const usagePageSchema = page(usageRowSchema);
export const costPageSchema = page(costRowSchema);
export type Bucket<R> = { starting_at: string; ending_at: string; results: R[] };
