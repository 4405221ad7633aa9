import { z } from 'zod';
import { ALERT_EVENTS, BUDGET_PERIODS } from '../domain/alerting.ts';
import { DIMENSIONS } from '../domain/record.ts';

export type { AlertEventKind, BudgetPeriod } from '../domain/alerting.ts';
export { ALERT_EVENTS, BUDGET_PERIODS };

const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/, 'must be lowercase letters, digits, "-", "_" or "." (at most 64)');

/** A cron expression of 5 or 6 fields, e.g. "0 6 * * *" or "0 6 * * 1-5". */
const cron = z
  .string()
  .trim()
  .refine((v) => /^(\S+\s+){4,5}\S+$/.test(v), 'must be a cron expression such as "0 6 * * *"');

/**
 * What a budget covers: the whole org, one value of a dimension (`tag:<key>` for a tag), or with
 * `each = true` every value of a dimension, each judged and alerted on its own ("every user at most $X").
 */
export const budgetScopeSchema = z
  .object({
    dimension: z
      .string()
      .refine(
        (v) => v === 'org' || (DIMENSIONS as readonly string[]).includes(v) || /^tag:[^\s]+$/.test(v),
        `must be "org", a dimension (${DIMENSIONS.join(', ')}) or "tag:<key>"`,
      )
      .default('org'),
    value: z.string().min(1).max(256).optional(),
    /** Every value of the dimension, each a budget of its own. */
    each: z.boolean().optional(),
  })
  .strict()
  .refine((s) => s.dimension === 'org' || s.value !== undefined || s.each === true, {
    message:
      'a scope other than "org" needs a value, e.g. { dimension = "team", value = "ml" }, or each = true for every value',
    path: ['value'],
  })
  .refine((s) => !(s.each === true && s.value !== undefined), {
    message: 'a scope with each = true covers every value: leave value out',
    path: ['value'],
  })
  .refine((s) => !(s.each === true && s.dimension === 'org'), {
    message: 'each = true needs a dimension, e.g. { dimension = "user", each = true }',
    path: ['each'],
  });
export type BudgetScope = z.output<typeof budgetScopeSchema>;

/**
 * A budget's definition, the same from `[[budgets]]` in spendlens.toml or `/api/v1/budgets`.
 * `amount` is a decimal string in `currency` (default: the reporting currency).
 */
export const budgetSettingsSchema = z
  .object({
    id,
    name: z.string().min(1).max(120).optional(),
    scope: budgetScopeSchema.prefault({}),
    period: z.enum(BUDGET_PERIODS).default('month'),
    amount: z
      .union([z.string(), z.number()])
      .transform(String)
      .refine(
        (v) => /^\d{1,12}(\.\d{1,6})?$/.test(v) && Number(v) > 0,
        'must be a positive amount such as "500" or "99.50"',
      ),
    currency: z.string().toUpperCase().length(3).optional(),
    /** Percent thresholds that alert when crossed, ascending. */
    thresholds: z
      .array(z.coerce.number().int().min(1).max(1000))
      .min(1)
      .default([50, 80, 100])
      .transform((t) => [...new Set(t)].sort((a, b) => a - b)),
    /** Alert the day the forecast says the budget will be exceeded. */
    alertOnForecast: z.boolean().default(true),
    /**
     * What the gateway does with calls in the budget's scope: "hard" refuses them once the budget is
     * spent (429), "soft" lets them through with the remaining amount in a header; unset: nothing.
     */
    enforce: z.enum(['soft', 'hard']).optional(),
  })
  .strict();
export type BudgetSettings = z.output<typeof budgetSettingsSchema>;

export const CHANNEL_KINDS = ['slack', 'webhook', 'email', 'log'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/**
 * A channel and its routing. The secret part (the Slack or webhook URL, the webhook signing secret,
 * the SMTP URL) is never a plain setting in the file: `urlEnv` / `secretEnv` / `smtpUrlEnv` name
 * environment variables the loader reads, and the API seals what it is given.
 */
export const channelSettingsSchema = z
  .object({
    id,
    kind: z.enum(CHANNEL_KINDS),
    /** Email recipients. */
    to: z.array(z.email('must be an email address')).optional(),
    from: z.string().min(3).optional(),
    /** Which events this channel receives (default: all alert events and the daily and weekly reports). */
    events: z.array(z.enum(ALERT_EVENTS)).optional(),
    /** Only events about this scope (e.g. team "ml") reach this channel; unset: every scope. */
    scope: z
      .object({ dimension: z.string().min(1), value: z.string().min(1) })
      .strict()
      .optional(),
    /** Anomaly alerts at or above this severity. */
    minSeverity: z.enum(['low', 'medium', 'high', 'critical']).default('high'),
    enabled: z.boolean().default(true),
  })
  .strict();
export type ChannelSettings = z.output<typeof channelSettingsSchema>;

/** `[[channels]]` in spendlens.toml: settings plus the names of the variables holding its secrets. */
export const channelConfigSchema = channelSettingsSchema
  .extend({
    urlEnv: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name')
      .optional(),
    secretEnv: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name')
      .optional(),
    /** Filled by the loader from `urlEnv` (the Slack/webhook URL) and `secretEnv` (the webhook signing secret). */
    url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
    secret: z.string().min(1).optional(),
  })
  .superRefine((c, ctx) => {
    if ((c.kind === 'slack' || c.kind === 'webhook') && !c.url) {
      ctx.addIssue({
        code: 'custom',
        path: ['urlEnv'],
        message: `a ${c.kind} channel needs url_env naming the variable with its URL`,
      });
    }
    if (c.kind === 'email' && !(c.to && c.to.length > 0)) {
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: 'an email channel needs at least one recipient in "to"',
      });
    }
  });
export type ChannelConfig = z.output<typeof channelConfigSchema>;

/** `[alerts]`: how often anomalies may alert per scope, and where links in messages point. */
export const alertsConfigSchema = z
  .object({
    /** At most one anomaly alert per scope within this many minutes. */
    anomalyCooldownMinutes: z.coerce.number().int().min(0).max(43_200).default(360),
    /** Minimum anomaly severity that alerts at all (channels may ask for more). */
    minSeverity: z.enum(['low', 'medium', 'high', 'critical']).default('medium'),
    /** The dashboard's public address, for links in messages (default: the server's own). */
    dashboardUrl: z.url().optional(),
    /** Delivery attempts per channel before an alert's delivery is recorded as failed. */
    maxAttempts: z.coerce.number().int().min(1).max(10).default(4),
    /** How often budgets and anomalies are evaluated. */
    evaluate: cron.default('*/5 * * * *'),
    /**
     * How often detection looks for newly written records and alerts new incidents at once. A run
     * with nothing new reads one row, so every minute costs little and keeps per-call data's flags early.
     */
    detect: cron.default('* * * * *'),
  })
  .strict();

/** `[schedule]`: when the daily summary and the weekly report run, in the configured timezone (UTC by default). */
export const scheduleConfigSchema = z
  .object({
    dailySummary: cron.default('0 6 * * *'),
    weeklyReport: cron.default('0 7 * * 1'),
  })
  .strict();

/** `[reports]`: how long archived reports are kept. */
export const reportsConfigSchema = z
  .object({
    retentionDays: z.coerce.number().int().min(1).max(36_500).default(400),
  })
  .strict();

/** `[smtp]`: the mail server for email channels (SMTP_URL also sets `url`). */
export const smtpConfigSchema = z
  .object({
    url: z
      .string()
      .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL such as "smtp://user:pass@mail:587"')
      .optional(),
    from: z.string().min(3).default('spendlens <spendlens@localhost>'),
  })
  .strict();
