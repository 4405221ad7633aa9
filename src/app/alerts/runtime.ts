import { z } from 'zod';
import { buildChannel, type Channel } from '../../act/channels/index.ts';
import { type ChannelConfig, type ChannelSettings, channelSettingsSchema } from '../../config/alerting.ts';
import type { Config } from '../../config/schema.ts';
import { AppError } from '../../domain/errors.ts';
import type { StoredChannel } from '../../store/types.ts';
import type { AppContext } from '../context.ts';
import { type Keyring, loadKeyring, openSecret, sealSecret } from '../secrets.ts';
import { alertDeps } from './deps.ts';

/** A channel's secrets as sealed together in its row. */
export interface ChannelSecrets {
  url?: string;
  secret?: string;
}

const secretsSchema = z.object({ url: z.string().optional(), secret: z.string().optional() });

/** A stored channel with its settings validated. */
export interface ChannelRow {
  row: StoredChannel;
  settings: ChannelSettings;
}

/** Settings as stored: the routing and addresses, never a secret; config rows also name their variables. */
export function storedSettings(c: ChannelSettings | ChannelConfig): Record<string, unknown> {
  const { url: _url, secret: _secret, ...rest } = c as ChannelConfig;
  return rest;
}

/** A row's settings, read back through the schema (the variable names of config rows set aside). */
export function parseRow(row: StoredChannel): ChannelRow | null {
  const { urlEnv: _u, secretEnv: _s, ...rest } = row.settings;
  const parsed = channelSettingsSchema.safeParse(rest);
  return parsed.success ? { row, settings: parsed.data } : null;
}

export function sealChannelSecrets(ring: Keyring, secrets: ChannelSecrets): string | null {
  return secrets.url || secrets.secret ? sealSecret(ring, JSON.stringify(secrets)) : null;
}

/** Opens a row's sealed URL and secret (in memory only). */
export function openChannelSecrets(ring: Keyring, row: StoredChannel): ChannelSecrets {
  if (!row.secret) return {};
  try {
    return secretsSchema.parse(JSON.parse(openSecret(ring, row.secret, row.id)));
  } catch (cause) {
    throw new AppError(
      'config_invalid',
      `channel "${row.id}": its URL and secret cannot be decrypted with this spendlens's master key: ` +
        'set SPENDLENS_MASTER_KEY (the same on every instance) or enter them again',
      { cause },
    );
  }
}

/**
 * Writes spendlens.toml's channels into the store (secrets sealed), so the API and routing see every
 * channel alike, and removes config channels that left the file. Once per context and org.
 */
export function syncConfigChannels(ctx: AppContext, org: string): Promise<void> {
  // why: the file's channels (and their URLs) belong to the configured org; another tenant's alerts never reach them.
  if (org !== ctx.config.org) return Promise.resolve();
  const byOrg = ctx.state.channelsSynced;
  const found = byOrg.get(org);
  if (found) return found;
  const p = writeConfigChannels(ctx, org).catch((error) => {
    byOrg.delete(org);
    throw error;
  });
  byOrg.set(org, p);
  return p;
}

async function writeConfigChannels(ctx: AppContext, org: string): Promise<void> {
  const stored = await ctx.alerting.listChannels(org);
  const ring = loadKeyring(ctx.config);
  const now = ctx.now();
  for (const c of ctx.config.channels) {
    const prev = stored.find((x) => x.id === c.id);
    if (prev?.origin === 'api') {
      alertDeps(ctx).log(
        `channel "${c.id}" is defined in spendlens.toml and through the API: the API one is kept; rename one`,
      );
      continue;
    }
    const settings = storedSettings(c);
    const secrets: ChannelSecrets = { url: c.url, secret: c.secret };
    if (prev && same(prev, settings, secrets, ring)) continue;
    await ctx.alerting.putChannel({
      org,
      id: c.id,
      kind: c.kind,
      origin: 'config',
      settings,
      secret: sealChannelSecrets(ring, secrets),
      createdAt: prev?.createdAt ?? now,
      updatedAt: now,
    });
  }
  const listed = new Set(ctx.config.channels.map((c) => c.id));
  for (const gone of stored.filter((x) => x.origin === 'config' && !listed.has(x.id))) {
    await ctx.alerting.deleteChannel(org, gone.id);
  }
}

function same(
  prev: StoredChannel,
  settings: Record<string, unknown>,
  secrets: ChannelSecrets,
  ring: Keyring,
) {
  if (JSON.stringify(prev.settings) !== JSON.stringify(settings)) return false;
  try {
    const open = openChannelSecrets(ring, prev);
    return open.url === secrets.url && open.secret === secrets.secret;
  } catch {
    return false;
  }
}

/** The org's channels (config ones synced first), with settings validated; a damaged row is skipped. */
export async function channelRows(ctx: AppContext, org: string): Promise<ChannelRow[]> {
  await syncConfigChannels(ctx, org);
  const rows = (await ctx.alerting.listChannels(org)).map(parseRow);
  return rows.filter((r): r is ChannelRow => r !== null);
}

/** A channel ready to send, its secrets opened. Throws when they cannot be. */
export function openChannel(ctx: AppContext, channel: ChannelRow): Channel {
  const deps = alertDeps(ctx);
  const secrets = openChannelSecrets(loadKeyring(ctx.config), channel.row);
  return buildChannel(
    { settings: channel.settings, ...secrets },
    { fetch: deps.fetch, now: ctx.now, timeoutMs: deps.timeoutMs, log: deps.log, smtp: ctx.config.smtp },
  );
}

/** An absolute dashboard link for a path: `[alerts] dashboard_url`, else the server's own address. */
export function dashboardLink(config: Config, path: string): string {
  const host = ['0.0.0.0', '::', ''].includes(config.server.host) ? 'localhost' : config.server.host;
  const base =
    config.alerts.dashboardUrl ?? `http://${host.includes(':') ? `[${host}]` : host}:${config.server.port}`;
  // why: relative to the base, so a dashboard served under a path prefix keeps it.
  return new URL(path.replace(/^\/+/, ''), base.endsWith('/') ? base : `${base}/`).toString();
}
