import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import type { z } from 'zod';
import { AppError } from '../domain/errors.ts';
import { resolveGatewayKeys } from './gateway.ts';
import { type Config, configSchema } from './schema.ts';

/** What the command line may set; these win over everything else. */
export interface ConfigFlags {
  port?: number;
  dataDir?: string;
  config?: string;
}

const TOML_KEYS: Record<string, string> = {
  data_dir: 'dataDir',
  database_url: 'databaseUrl',
  app_role: 'appRole',
  duckdb_memory_limit: 'duckdbMemoryLimit',
  max_body_bytes: 'maxBodyBytes',
  max_batch_records: 'maxBatchRecords',
  admin_token: 'adminToken',
  effective_from: 'effectiveFrom',
  start_date: 'startDate',
  end_date: 'endDate',
  master_key: 'masterKey',
  key_env: 'keyEnv',
  access_key_id: 'accessKeyId',
  seat_prices: 'seatPrices',
  tenant_id: 'tenantId',
  client_id: 'clientId',
  authority_url: 'authorityUrl',
  base_url: 'baseUrl',
  backfill_days: 'backfillDays',
  overlap_hours: 'overlapHours',
  rate_limit: 'rateLimit',
  timeout_seconds: 'timeoutSeconds',
  activity_tolerance_seconds: 'activityToleranceSeconds',
  alert_on_forecast: 'alertOnForecast',
  url_env: 'urlEnv',
  secret_env: 'secretEnv',
  min_severity: 'minSeverity',
  anomaly_cooldown_minutes: 'anomalyCooldownMinutes',
  dashboard_url: 'dashboardUrl',
  max_attempts: 'maxAttempts',
  daily_summary: 'dailySummary',
  weekly_report: 'weeklyReport',
  retention_days: 'retentionDays',
  trust_proxy: 'trustProxy',
  default_max_tokens: 'defaultMaxTokens',
};

/**
 * Loads the configuration once: defaults < spendlens.toml < environment < flags. `.env` in the
 * working directory is read first. A bad value throws `config_invalid` naming the key and the fix.
 */
export function loadConfig(flags: ConfigFlags = {}, env: NodeJS.ProcessEnv = readEnv()): Config {
  const file =
    flags.config ?? env.SPENDLENS_CONFIG ?? (existsSync('spendlens.toml') ? 'spendlens.toml' : undefined);
  const fromFile = file ? readToml(file) : {};
  const merged = mergeDeep(fromFile, fromEnv(env), fromFlags(flags));
  resolveSourceKeys(merged, env, file);
  resolveChannelSecrets(merged, env, file);
  resolveGatewayKeys(merged, env, file);
  const parsed = configSchema.safeParse(merged);
  if (!parsed.success) {
    const where = file ? `${file} or the environment` : 'the environment';
    const lines = parsed.error.issues.map((i) => `  ${displayPath(i.path.map(String))}: ${describe(i)}`);
    throw new AppError('config_invalid', `invalid configuration (from ${where}):\n${lines.join('\n')}`);
  }
  return Object.freeze(parsed.data);
}

function readEnv(): NodeJS.ProcessEnv {
  if (existsSync('.env')) process.loadEnvFile('.env');
  return process.env;
}

function readToml(file: string): Record<string, unknown> {
  const path = resolve(file);
  if (!existsSync(path)) {
    throw new AppError(
      'config_invalid',
      `config file ${path} does not exist: create it or unset SPENDLENS_CONFIG`,
    );
  }
  try {
    return camelKeys(parseToml(readFileSync(path, 'utf8'))) as Record<string, unknown>;
  } catch (error) {
    throw new AppError('config_invalid', `${path} is not valid TOML: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

function fromEnv(env: NodeJS.ProcessEnv): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const set = (path: string[], value: string | undefined) => {
    if (value === undefined || value === '') return;
    let node = out;
    for (const key of path.slice(0, -1)) {
      node[key] ??= {};
      node = node[key] as Record<string, unknown>;
    }
    node[path[path.length - 1] as string] = value;
  };
  set(['server', 'port'], env.SPENDLENS_PORT);
  set(['server', 'host'], env.SPENDLENS_HOST);
  set(['server', 'trustProxy'], env.SPENDLENS_TRUST_PROXY);
  set(['storage', 'dataDir'], env.SPENDLENS_DATA_DIR);
  set(['storage', 'databaseUrl'], env.DATABASE_URL);
  set(['storage', 'schema'], env.SPENDLENS_DATABASE_SCHEMA);
  set(['storage', 'appRole'], env.SPENDLENS_DATABASE_APP_ROLE);
  set(['adminToken'], env.SPENDLENS_ADMIN_TOKEN);
  set(['owner', 'email'], env.SPENDLENS_OWNER_EMAIL);
  set(['owner', 'password'], env.SPENDLENS_OWNER_PASSWORD);
  set(['currency'], env.SPENDLENS_CURRENCY);
  set(['timezone'], env.SPENDLENS_TIMEZONE);
  set(['org'], env.SPENDLENS_ORG);
  set(['masterKey'], env.SPENDLENS_MASTER_KEY);
  set(['smtp', 'url'], env.SMTP_URL);
  set(['schedule', 'dailySummary'], env.SPENDLENS_DAILY_SUMMARY);
  return out;
}

/**
 * Fills each `[[sources]]` entry's key from the environment variable its `key_env` names. A variable
 * that is not set stops start-up with the source and the variable named.
 */
function resolveSourceKeys(merged: Record<string, unknown>, env: NodeJS.ProcessEnv, file?: string): void {
  if (!Array.isArray(merged.sources)) return;
  const missing: string[] = [];
  merged.sources = merged.sources.map((raw: Record<string, unknown>, i: number) => {
    if (typeof raw?.keyEnv !== 'string') return raw;
    const key = env[raw.keyEnv];
    if (key) return { ...raw, key };
    missing.push(`  sources[${i}] ("${String(raw.id)}"): environment variable ${raw.keyEnv} is not set`);
    return raw;
  });
  if (missing.length === 0) return;
  throw new AppError(
    'config_invalid',
    `a source's key is missing (${file ?? 'config'}):\n${missing.join('\n')}\n` +
      'Set the variable to the provider admin key (or in .env), or remove the source.',
  );
}

/**
 * Fills each `[[channels]]` entry's URL and signing secret from the variables `url_env` and
 * `secret_env` name. A variable that is not set stops start-up with the channel and variable named.
 */
function resolveChannelSecrets(merged: Record<string, unknown>, env: NodeJS.ProcessEnv, file?: string): void {
  if (!Array.isArray(merged.channels)) return;
  const missing: string[] = [];
  merged.channels = merged.channels.map((raw: Record<string, unknown>, i: number) => {
    const out = { ...raw };
    for (const [envKey, key] of [
      ['urlEnv', 'url'],
      ['secretEnv', 'secret'],
    ] as const) {
      const name = raw?.[envKey];
      if (typeof name !== 'string') continue;
      const value = env[name];
      if (value) out[key] = value;
      else missing.push(`  channels[${i}] ("${String(raw.id)}"): environment variable ${name} is not set`);
    }
    return out;
  });
  if (missing.length === 0) return;
  throw new AppError(
    'config_invalid',
    `a channel's secret is missing (${file ?? 'config'}):\n${missing.join('\n')}\n` +
      'Set the variable (or in .env), or remove the channel.',
  );
}

function fromFlags(flags: ConfigFlags): Record<string, unknown> {
  const out: Record<string, Record<string, unknown>> = {};
  if (flags.port !== undefined) out.server = { port: flags.port };
  if (flags.dataDir !== undefined) out.storage = { dataDir: flags.dataDir };
  return out;
}

const ENV_NAMES: Record<string, string> = {
  'server.port': 'SPENDLENS_PORT or --port',
  'server.host': 'SPENDLENS_HOST',
  'server.trust_proxy': 'SPENDLENS_TRUST_PROXY',
  'storage.data_dir': 'SPENDLENS_DATA_DIR or --data-dir',
  'storage.database_url': 'DATABASE_URL',
  'storage.schema': 'SPENDLENS_DATABASE_SCHEMA',
  'storage.app_role': 'SPENDLENS_DATABASE_APP_ROLE',
  admin_token: 'SPENDLENS_ADMIN_TOKEN',
  'owner.email': 'SPENDLENS_OWNER_EMAIL',
  'owner.password': 'SPENDLENS_OWNER_PASSWORD',
  currency: 'SPENDLENS_CURRENCY',
  timezone: 'SPENDLENS_TIMEZONE',
  org: 'SPENDLENS_ORG',
  master_key: 'SPENDLENS_MASTER_KEY',
  'smtp.url': 'SMTP_URL',
  'schedule.daily_summary': 'SPENDLENS_DAILY_SUMMARY',
};

/** A key as spelled in spendlens.toml, with the environment variable that also sets it. */
function displayPath(path: string[]): string {
  const snake = Object.fromEntries(Object.entries(TOML_KEYS).map(([k, v]) => [v, k]));
  const key = path.map((p) => snake[p] ?? p).join('.') || '(root)';
  const env = ENV_NAMES[key];
  return env ? `${key} (${env})` : key;
}

function describe(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && issue.expected === 'number') return 'must be a number';
  if (issue.code === 'unrecognized_keys')
    return `unknown key(s) ${issue.keys.join(', ')}: remove or fix the spelling`;
  return issue.message;
}

function camelKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelKeys);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [TOML_KEYS[k] ?? k, camelKeys(v)]));
  }
  return value;
}

function mergeDeep(...layers: Record<string, unknown>[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const layer of layers) {
    for (const [key, value] of Object.entries(layer)) {
      const prev = out[key];
      const isObj = (v: unknown) => v && typeof v === 'object' && !Array.isArray(v);
      out[key] = isObj(prev) && isObj(value) ? mergeDeep(prev as never, value as never) : value;
    }
  }
  return out;
}
