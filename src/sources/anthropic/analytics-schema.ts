import { z } from 'zod';

// Shapes of the Claude Enterprise Analytics API (platform.claude.com/docs/en/api/admin/analytics;
// reference assistants-clouds-gateway.md §3). Unknown fields are ignored: zod objects strip them.

const count = z.number().int().nonnegative();
const dim = z.string().nullish();
const instant = z.iso.datetime({ offset: true });
/** Fractional cents as a plain decimal string ("12534.250000"); anything else is refused, naming the field. */
const cents = z.string().regex(/^-?\d+(\.\d+)?$/, 'must be a decimal string of (fractional) cents');

/** Who a per-user row is about; a deleted account keeps its `user_id` and loses its email. */
const actorSchema = z.object({
  user_id: z.string().min(1),
  email: z.string().nullish(),
  name: z.string().nullish(),
  deleted: z.boolean().nullish(),
});

/** The dimensions both per-user reports break a row out by; null unless grouped by them. */
const dims = {
  starting_at: instant,
  ending_at: instant,
  actor: actorSchema,
  product: dim,
  model: dim,
  context_window: dim,
  inference_geo: dim,
  speed: dim,
};

/** One row of `analytics/user_usage_report`: a user's tokens in one bucket. */
export const userUsageRowSchema = z.object({
  ...dims,
  uncached_input_tokens: count,
  cache_read_input_tokens: count,
  cache_creation: z.object({
    ephemeral_5m_input_tokens: count.default(0),
    ephemeral_1h_input_tokens: count.default(0),
  }),
  output_tokens: count,
  server_tool_use: z.object({ web_search_requests: count.default(0) }).nullish(),
  requests: count.nullish(),
});
export type UserUsageRow = z.output<typeof userUsageRowSchema>;

/** One row of `analytics/user_cost_report`: what a user's usage in one bucket cost. */
export const userCostRowSchema = z.object({
  ...dims,
  amount: cents,
  list_amount: cents.nullish(),
  currency: z.string().min(3),
  cost_type: dim,
  token_type: dim,
});
export type UserCostRow = z.output<typeof userCostRowSchema>;

/** One row of the organization's `analytics/cost_report`. */
export const orgCostRowSchema = z.object({
  amount: cents,
  list_amount: cents.nullish(),
  currency: z.string().min(3),
  product: dim,
  model: dim,
  cost_type: dim,
  token_type: dim,
  context_window: dim,
  inference_geo: dim,
  speed: dim,
});
export type OrgCostRow = z.output<typeof orgCostRowSchema>;

/** Every analytics page: an export watermark and a cursor bound to the query. */
const paging = {
  data_refreshed_at: instant,
  has_more: z.boolean(),
  next_page: z.string().nullable(),
};

const userPage = <T extends z.ZodType>(row: T) => z.object({ data: z.array(row), ...paging });

export const userUsagePageSchema = userPage(userUsageRowSchema);
export const userCostPageSchema = userPage(userCostRowSchema);
export const orgCostPageSchema = z.object({
  data: z.array(z.object({ starting_at: instant, ending_at: instant, results: z.array(orgCostRowSchema) })),
  ...paging,
});
export type OrgCostPage = z.output<typeof orgCostPageSchema>;

/** What every analytics page has, for the client that pages through it. */
export type AnalyticsPage = { data_refreshed_at: string; has_more: boolean; next_page: string | null };
