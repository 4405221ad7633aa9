import { z } from 'zod';
import { type ChannelSettings, channelSettingsSchema } from '../../config/alerting.ts';
import type { Principal } from '../../domain/access.ts';
import { AppError } from '../../domain/errors.ts';
import { fieldErrors } from '../../normalize/usage.ts';
import type { StoredChannel, Visibility } from '../../store/types.ts';
import { canSeeScope, requireManageScope, scopeVisible } from '../access/scope.ts';
import type { AppContext } from '../context.ts';
import { loadKeyring } from '../secrets.ts';
import { type ChannelView, channelView } from './channel-view.ts';
import {
  type ChannelSecrets,
  channelRows,
  openChannelSecrets,
  sealChannelSecrets,
  storedSettings,
} from './runtime.ts';

const secretFields = {
  url: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .max(2048)
    .optional(),
  secret: z.string().min(8, 'must be at least 8 characters').max(512).optional(),
};
/** `POST /api/v1/channels`: settings plus the URL and signing secret, sealed at once and never returned. */
export const createSchema = channelSettingsSchema.extend(secretFields);
/** `PUT /api/v1/channels/:id`: the settings in full; `url` and `secret` only when they change. */
export const updateSchema = channelSettingsSchema.omit({ id: true }).extend(secretFields);

/**
 * The org's channels; with a visibility, only those routing a scope it sees (a channel without a scope
 * routes the whole org's alerts).
 */
export async function listChannels(
  ctx: AppContext,
  org: string,
  visibility?: Visibility,
): Promise<ChannelView[]> {
  const ring = loadKeyring(ctx.config);
  return (await channelRows(ctx, org))
    .filter((c) => scopeVisible(visibility, c.settings.scope ?? null))
    .map((c) => channelView(ring, c.row, c.settings));
}

export async function getChannel(
  ctx: AppContext,
  org: string,
  id: string,
  visibility?: Visibility,
): Promise<ChannelView> {
  const found = (await channelRows(ctx, org)).find((c) => c.row.id === id);
  if (!found || !scopeVisible(visibility, found.settings.scope ?? null)) {
    throw new AppError('not_found', `no channel "${id}"`);
  }
  return channelView(loadKeyring(ctx.config), found.row);
}

/** Creates an API channel; a team lead only one scoped to a team they lead. */
export async function createChannel(ctx: AppContext, by: Principal, raw: unknown): Promise<ChannelView> {
  const { org, actor } = by;
  const { url, secret, ...settings } = parse(createSchema, raw);
  requireManageScope(by, 'manage_alerts', settings.scope ?? null, 'a channel');
  if ((await channelRows(ctx, org)).some((c) => c.row.id === settings.id)) {
    throw new AppError(
      'conflict',
      `a channel "${settings.id}" exists: PUT /api/v1/channels/${settings.id} to change it`,
    );
  }
  const secrets = requireParts(settings, { url, secret });
  const now = ctx.now();
  const row: StoredChannel = {
    org,
    id: settings.id,
    kind: settings.kind,
    origin: 'api',
    settings: storedSettings(settings),
    secret: sealChannelSecrets(loadKeyring(ctx.config), secrets),
    createdAt: now,
    updatedAt: now,
  };
  await ctx.alerting.putChannel(row);
  await audit(ctx, org, actor, 'channel.create', row);
  return channelView(loadKeyring(ctx.config), row);
}

/** Replaces an API channel's settings; its URL and secret stay unless sent (and go when the kind takes none). */
export async function updateChannel(
  ctx: AppContext,
  by: Principal,
  id: string,
  raw: unknown,
): Promise<ChannelView> {
  const { org, actor } = by;
  const prev = await findManagedChannel(ctx, by, id);
  if (prev.origin === 'config')
    throw new AppError('conflict', `channel "${id}" is defined in spendlens.toml: change it there`);
  const { url, secret, ...rest } = parse(updateSchema, raw);
  const settings: ChannelSettings = { ...rest, id };
  requireManageScope(by, 'manage_alerts', settings.scope ?? null, 'a channel');
  const ring = loadKeyring(ctx.config);
  const kept = openChannelSecrets(ring, prev);
  const secrets = requireParts(settings, { url: url ?? kept.url, secret: secret ?? kept.secret });
  const row: StoredChannel = {
    ...prev,
    kind: settings.kind,
    settings: storedSettings(settings),
    secret: sealChannelSecrets(ring, secrets),
    updatedAt: ctx.now(),
  };
  await ctx.alerting.putChannel(row);
  await audit(ctx, org, actor, 'channel.update', row, {
    urlChanged: url !== undefined,
    secretChanged: secret !== undefined,
  });
  return channelView(loadKeyring(ctx.config), row);
}

export async function deleteChannel(ctx: AppContext, by: Principal, id: string): Promise<void> {
  const { org, actor } = by;
  const prev = await findManagedChannel(ctx, by, id);
  if (prev.origin === 'config')
    throw new AppError('conflict', `channel "${id}" is defined in spendlens.toml: remove it there`);
  await ctx.alerting.deleteChannel(org, id);
  await audit(ctx, org, actor, 'channel.delete', prev);
}

/** A channel `by` may see (else not found) and change or test (else forbidden). */
export async function findManagedChannel(ctx: AppContext, by: Principal, id: string): Promise<StoredChannel> {
  const found = (await channelRows(ctx, by.org)).find((c) => c.row.id === id);
  const scope = found?.settings.scope ?? null;
  if (!found || !canSeeScope(by, scope)) throw new AppError('not_found', `no channel "${id}"`);
  requireManageScope(by, 'manage_alerts', scope, `channel "${id}"`);
  return found.row;
}

/** Keeps only the secrets the kind uses, and refuses a channel that lacks what it needs to send. */
function requireParts(settings: ChannelSettings, secrets: ChannelSecrets): ChannelSecrets {
  const errors: { path: string; message: string }[] = [];
  const hasUrl = settings.kind === 'slack' || settings.kind === 'webhook';
  if (hasUrl && !secrets.url)
    errors.push({ path: 'url', message: `a ${settings.kind} channel needs its URL` });
  if (settings.kind === 'email' && !settings.to?.length) {
    errors.push({ path: 'to', message: 'an email channel needs at least one recipient' });
  }
  if (errors.length) throw validation(errors);
  if (!hasUrl) return {};
  return settings.kind === 'webhook' ? secrets : { url: secrets.url };
}

async function audit(
  ctx: AppContext,
  org: string,
  actor: string,
  action: string,
  row: StoredChannel,
  extra: Record<string, unknown> = {},
): Promise<void> {
  await ctx.audit.addAudit({
    org,
    at: ctx.now(),
    actor,
    action,
    detail: { id: row.id, kind: row.kind, ...extra },
  });
}

function parse<T extends z.ZodType>(schema: T, raw: unknown): z.output<T> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw validation(fieldErrors(parsed.error));
}

function validation(errors: { path: string; message: string }[]): AppError {
  return new AppError('validation_failed', errors.map((e) => `${e.path}: ${e.message}`).join('; '), {
    errors,
  });
}
