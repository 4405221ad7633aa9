import { z } from 'zod';

export const SOURCE_KINDS = [
  'openai',
  'anthropic',
  'feed',
  'activity',
  'claude-code-analytics',
  'cursor',
  'copilot',
  'openrouter',
  'bedrock',
  'azure-openai',
] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** A poll interval (`30s`, `5m`, `1h`) or a cron expression of 5 or 6 fields. */
const poll = z
  .string()
  .trim()
  .refine(
    (v) => /^\d+[smh]$/.test(v) || /^(\S+\s+){4,5}\S+$/.test(v),
    'must be an interval such as "5m" or "1h", or a cron expression such as "*/5 * * * *"',
  );

/** A seat's monthly price: a non-negative decimal of at most six places (micro-dollars). */
const SEAT_PRICE = /^\d{1,7}(\.\d{1,6})?$/;

/**
 * A pull source's settings, the same whether it comes from `[[sources]]` in spendlens.toml or the API.
 * The key itself is never a setting: the config names an environment variable, the API seals it.
 */
export const sourceSettingsSchema = z
  .object({
    id: z
      .string()
      .regex(
        /^[a-z0-9][a-z0-9_.-]{0,63}$/,
        'must be lowercase letters, digits, "-", "_" or "." (at most 64)',
      ),
    kind: z.enum(SOURCE_KINDS),
    baseUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
    poll: poll.default('5m'),
    backfillDays: z.coerce.number().int().min(0).max(400).default(30),
    /** Override of how far back each sync re-fetches. */
    overlapHours: z.coerce
      .number()
      .int()
      .min(0)
      .max(24 * 31)
      .optional(),
    rateLimit: z.coerce.number().int().min(1).max(10_000).default(100),
    timeoutSeconds: z.coerce.number().min(1).max(600).default(30),
    /** OpenAI usage endpoints to read (default: all). */
    endpoints: z.array(z.string()).optional(),
    /** Also pull the provider's cost report as billed invoice lines. */
    costs: z.boolean().default(true),
    /** The activity-log feed's project path segment. */
    project: z.string().min(1).optional(),
    /** The GitHub organization whose Copilot billing a `copilot` source reads. */
    organization: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,38}$/, 'must be a GitHub organization name')
      .optional(),
    /**
     * What a `copilot` source books per seat and month, by the seats' `plan_type` (`business`,
     * `enterprise`), in USD as exact decimals; unset: seats are not booked.
     */
    seatPrices: z
      .record(
        z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'must be a Copilot plan type such as "business"'),
        z.union([
          z.string().trim().regex(SEAT_PRICE, 'must be USD per seat per month, such as "19" or "39.00"'),
          // why: TOML `business = 19` is a number; its shortest decimal text is exact for such prices.
          z
            .number()
            .nonnegative()
            .transform(String)
            .pipe(z.string().regex(SEAT_PRICE, 'must be USD per seat per month, such as "19" or "39.00"')),
        ]),
      )
      .optional(),
    /** The AWS access key id a `bedrock` source signs with; the secret access key is the source's key. */
    accessKeyId: z
      .string()
      .regex(/^[A-Z0-9]{16,128}$/, 'must be an AWS access key id (AKIA…)')
      .optional(),
    /** The Azure scope an `azure-openai` source queries: `subscriptions/<id>`, a resource group, a billing account… */
    scope: z
      .string()
      .regex(
        /^(subscriptions|providers)\/[A-Za-z0-9/._:-]+$/,
        'must be an Azure scope such as "subscriptions/<id>"',
      )
      .optional(),
    /** With `clientId`: the Entra ID tenant whose app registration an `azure-openai` source signs in as (the key is its secret). */
    tenantId: z
      .string()
      .regex(/^[A-Za-z0-9.-]{1,100}$/, 'must be an Entra ID tenant id or domain')
      .optional(),
    clientId: z.guid('must be an app registration’s client id (a GUID)').optional(),
    /** The Entra ID authority (sovereign clouds: https://login.microsoftonline.us, …). */
    authorityUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
    /** Which Anthropic API an `anthropic` source reads: the Analytics API, the legacy Admin reports, or whichever its key reaches (default). */
    api: z.enum(['auto', 'analytics', 'legacy']).optional(),
    enabled: z.boolean().default(true),
  })
  .strict();
export type SourceSettings = z.output<typeof sourceSettingsSchema>;

/** `[[sources]]` in spendlens.toml: settings, plus the environment variable holding the key (read by the loader). */
export const sourceConfigSchema = sourceSettingsSchema.extend({
  keyEnv: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name'),
  /** The key, filled from `keyEnv` by the loader; never written in the file. */
  key: z.string().min(1),
});
export type SourceConfig = z.output<typeof sourceConfigSchema>;

/** `[attribution]`: the activity join's tolerance and rules kept in the file. */
export const attributionConfigSchema = z
  .object({
    activityToleranceSeconds: z.coerce.number().int().min(0).max(86_400).default(60),
    rules: z.array(z.record(z.string(), z.unknown())).default([]),
  })
  .strict();
