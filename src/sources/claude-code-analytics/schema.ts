import { z } from 'zod';

// Shapes from platform.claude.com/docs/en/api/admin/usage_report/retrieve_claude_code (reference §2,
// mirror 3558fd8d). Unknown fields are ignored: zod objects strip what they do not name.

const count = z.number().int().nonnegative();

/** Who a row is about: a signed-in person, or an API key Claude Code ran under. */
const actorSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('user_actor'), email_address: z.string().min(1) }),
  z.object({ type: z.literal('api_actor'), api_key_name: z.string().min(1) }),
]);

/** One model's share of a row: tokens and Anthropic's estimated cost in minor units (cents for USD). */
const modelSchema = z.object({
  model: z.string().min(1),
  tokens: z.object({
    input: count.default(0),
    output: count.default(0),
    cache_read: count.default(0),
    cache_creation: count.default(0),
  }),
  estimated_cost: z.object({
    // why: documented as a number of cents; a string is accepted too (the reference: parse leniently).
    amount: z.union([z.number().nonnegative(), z.string().regex(/^\d+(\.\d+)?$/)]),
    currency: z.string().min(3),
  }),
});

/** One row: a day of one actor in one terminal, local or remote (remote use comes as its own row). */
export const rowSchema = z.object({
  date: z.iso.datetime({ offset: true }),
  actor: actorSchema,
  organization_id: z.string().nullish(),
  customer_type: z.string().nullish(),
  subscription_type: z.string().nullish(),
  terminal_type: z.string().nullish(),
  is_remote: z.boolean().nullish(),
  model_breakdown: z.array(modelSchema),
});
export type Row = z.output<typeof rowSchema>;
export type ModelShare = z.output<typeof modelSchema>;

export const pageSchema = z.object({
  data: z.array(rowSchema),
  has_more: z.boolean(),
  next_page: z.string().nullable(),
});
export type Page = z.output<typeof pageSchema>;
