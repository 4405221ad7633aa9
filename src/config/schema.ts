import { z } from 'zod';
import { isCurrency } from '../domain/currency.ts';
import { decimalToScaled } from '../domain/money.ts';
import { isTimeZone } from '../lib/time.ts';
import {
  alertsConfigSchema,
  budgetSettingsSchema,
  channelConfigSchema,
  reportsConfigSchema,
  scheduleConfigSchema,
  smtpConfigSchema,
} from './alerting.ts';
import { gatewayConfigSchema } from './gateway.ts';
import { attributionConfigSchema, sourceConfigSchema } from './sources.ts';
import { subscriptionSettingsSchema } from './subscriptions.ts';

const currency = z
  .string()
  .toUpperCase()
  .refine(isCurrency, 'must be an ISO 4217 currency code such as "USD" or "EUR"');

const rate = z
  .union([z.string(), z.number()])
  .transform(String)
  .refine((v) => (decimalToScaled(v, 12) ?? 0n) > 0n, 'must be a positive decimal such as "1.08"');

/** The whole configuration, after defaults, spendlens.toml, environment and flags were merged. */
export const configSchema = z
  .object({
    org: z.string().min(1).max(64).default('default'),
    currency: currency.default('USD'),
    timezone: z
      .string()
      .refine(isTimeZone, 'must be an IANA time zone such as "UTC" or "Europe/Berlin"')
      .default('UTC'),
    /** Units of the reporting currency that one unit of the keyed currency buys. */
    rates: z.record(currency, rate).default({}),
    server: z
      .object({
        host: z.string().min(1).default('127.0.0.1'),
        port: z.coerce.number().int().min(0).max(65535).default(4180),
        /**
         * Behind a TLS-terminating proxy: trust its X-Forwarded-For and X-Forwarded-Proto, so the session
         * cookie is Secure and sign-in limits count the client's address, not the proxy's.
         */
        trustProxy: z.union([z.boolean(), z.stringbool()]).default(false),
      })
      .strict()
      .prefault({}),
    storage: z
      .object({
        dataDir: z.string().min(1).default('./data'),
        databaseUrl: z
          .string()
          .regex(
            /^postgres(ql)?:\/\//,
            'must be a postgres:// URL (leave unset for the embedded DuckDB store)',
          )
          .optional(),
        /** PostgreSQL schema to keep spendlens's tables in (created if missing); default: the URL's search_path. */
        schema: z
          .string()
          .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lowercase SQL identifier such as "spendlens"')
          .optional(),
        /** PostgreSQL role without BYPASSRLS the store switches to when it connects as a superuser. */
        appRole: z
          .string()
          .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lowercase SQL identifier such as "spendlens_app"')
          .default('spendlens_app'),
        /** How much memory the embedded DuckDB may hold before it evicts pages to its file. */
        duckdbMemoryLimit: z
          .string()
          .regex(/^\d+(\.\d+)?\s*(KB|MB|GB|TB)$/i, 'must be a size such as "512MB" or "2GB"')
          .default('512MB'),
      })
      .strict()
      .prefault({}),
    limits: z
      .object({
        maxBodyBytes: z.coerce
          .number()
          .int()
          .min(1024)
          .default(50 * 1024 * 1024),
        maxBatchRecords: z.coerce.number().int().min(1).default(200_000),
      })
      .strict()
      .prefault({}),
    adminToken: z.string().min(16, 'must be at least 16 characters').optional(),
    /** The first owner, created on first start when the org has no user (else an owner invitation is printed). */
    owner: z
      .object({
        email: z.email({ error: 'must be an email address; set it with the owner password' }).toLowerCase(),
        password: z
          .string({ error: 'must be set with the owner email, at least 12 characters' })
          .min(12, 'must be at least 12 characters')
          .max(1024),
      })
      .strict()
      .optional(),
    /** Price overrides, validated against the price entry schema when the catalog is built. */
    prices: z.array(z.record(z.string(), z.unknown())).default([]),
    /** Master key for secrets at rest (SPENDLENS_MASTER_KEY); without it, a 0600 key file in the data dir. */
    masterKey: z
      .string()
      .min(16, 'must be at least 16 characters (or 32 random bytes as hex or base64)')
      .optional(),
    /** Pull sources defined in the file; their keys come from the environment variables they name. */
    sources: z.array(sourceConfigSchema).default([]),
    attribution: attributionConfigSchema.prefault({}),
    /** Budgets kept in the file (shown as managed by config). */
    budgets: z.array(budgetSettingsSchema).default([]),
    /** Alert channels and their routing; their URLs and secrets come from the variables they name. */
    channels: z.array(channelConfigSchema).default([]),
    /** Seats and fixed monthly fees, spread per day into the ledger (source "subscriptions"). */
    subscriptions: z.array(subscriptionSettingsSchema).default([]),
    alerts: alertsConfigSchema.prefault({}),
    schedule: scheduleConfigSchema.prefault({}),
    reports: reportsConfigSchema.prefault({}),
    smtp: smtpConfigSchema.prefault({}),
    /** The gateway: provider-compatible pass-through at /proxy/<id>/v1 that records and enforces budgets. */
    gateway: gatewayConfigSchema.prefault({}),
  })
  .strict();

export type Config = Readonly<z.output<typeof configSchema>>;
