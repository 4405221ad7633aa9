import { z } from 'zod';

// Shapes from openrouter.ai/docs/api/api-reference (analytics/get-user-activity, api-keys/list) and the
// @openrouter/sdk model pages ActivityItem and ListData (reference §6); the `date` and `api_key_hash`
// filters of `/activity` are confirmed by the SDK's GetUserActivityRequest. The wire is snake_case. Not
// confirmed anywhere: the page size of `GET /keys` (so paging stops at an empty page) and whether
// `/activity` rows repeat the requested `date` in another format (the requested day is used instead).

// why: money is USD floats and the reference says to accept numbers sent as strings; kept as decimal text.
const amount = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/)]);
const count = z.coerce.number().int().nonnegative();

/** One API key of the account, as the management key lists it (the secret itself is never sent). */
const apiKeySchema = z.object({
  hash: z.string().min(1),
  name: z.string().nullish(),
  label: z.string().nullish(),
  disabled: z.boolean().nullish(),
  creator_user_id: z.string().nullish(),
});
export type ApiKey = z.output<typeof apiKeySchema>;

export const keysPageSchema = z.object({ data: z.array(apiKeySchema) });

/** One day's use of one model endpoint: `usage` is USD paid from OpenRouter credits. */
const activitySchema = z.object({
  model: z.string().min(1),
  model_permaslug: z.string().nullish(),
  endpoint_id: z.string().nullish(),
  provider_name: z.string().nullish(),
  usage: amount,
  byok_usage_inference: amount.nullish(),
  requests: count.default(0),
  prompt_tokens: count.default(0),
  completion_tokens: count.default(0),
  reasoning_tokens: count.default(0),
});
export type Activity = z.output<typeof activitySchema>;

export const activityPageSchema = z.object({ data: z.array(activitySchema) });
