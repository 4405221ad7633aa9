import { z } from 'zod';
import { sourceSettingsSchema } from '../../config/sources.ts';
import { AppError } from '../../domain/errors.ts';
import { keyHint } from '../../lib/crypto.ts';
import { fieldErrors } from '../../normalize/usage.ts';
import type { StoredSource } from '../../store/types.ts';
import type { AppContext } from '../context.ts';
import { loadKeyring, sealSecret } from '../secrets.ts';
import { storedSettings } from './runtime.ts';
import { readState, writeState } from './state.ts';

const keySchema = z.string().trim().min(8, 'must be the provider key (at least 8 characters)').max(4096);

/** `POST /api/v1/sources`: settings and the key, which is sealed at once and never returned. */
export const createSchema = sourceSettingsSchema.extend({ key: keySchema });
/** `PUT /api/v1/sources/:id`: the settings in full; the key only when it changes. */
export const updateSchema = sourceSettingsSchema.omit({ id: true }).extend({ key: keySchema.optional() });

function parse<T extends z.ZodType>(schema: T, raw: unknown): z.output<T> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const errors = fieldErrors(parsed.error);
  throw new AppError('validation_failed', errors.map((e) => `${e.path}: ${e.message}`).join('; '), {
    errors,
  });
}

export async function createSource(ctx: AppContext, org: string, raw: unknown): Promise<StoredSource> {
  const { key, ...settings } = parse(createSchema, raw);
  if ((await ctx.sources.listSources(org)).some((s) => s.id === settings.id)) {
    throw new AppError(
      'conflict',
      `a source "${settings.id}" exists: PUT /api/v1/sources/${settings.id} to change it`,
    );
  }
  const now = ctx.now();
  const row: StoredSource = {
    org,
    id: settings.id,
    kind: settings.kind,
    origin: 'api',
    settings: storedSettings(settings),
    secret: sealSecret(loadKeyring(ctx.config), key),
    keyHint: keyHint(key),
    createdAt: now,
    updatedAt: now,
  };
  await ctx.sources.putSource(row);
  return row;
}

/** Replaces an API source's settings (and key, when sent); a new key clears a refused-key pause. */
export async function updateSource(
  ctx: AppContext,
  org: string,
  id: string,
  raw: unknown,
): Promise<StoredSource> {
  const prev = await findSource(ctx, org, id);
  if (prev.origin === 'config')
    throw new AppError('conflict', `source "${id}" is defined in spendlens.toml: change it there`);
  const { key, ...rest } = parse(updateSchema, raw);
  const settings = storedSettings({ ...rest, id });
  const sealed = key ? { secret: sealSecret(loadKeyring(ctx.config), key), keyHint: keyHint(key) } : {};
  const row: StoredSource = { ...prev, kind: rest.kind, settings, ...sealed, updatedAt: ctx.now() };
  await ctx.sources.putSource(row);
  if (key) {
    const state = await readState(ctx.sources, org, id);
    await writeState(ctx.sources, org, id, { ...state, failure: null }, ctx.now());
  }
  return row;
}

export async function deleteSource(ctx: AppContext, org: string, id: string): Promise<void> {
  const prev = await findSource(ctx, org, id);
  if (prev.origin === 'config')
    throw new AppError('conflict', `source "${id}" is defined in spendlens.toml: remove it there`);
  await ctx.sources.deleteSource(org, id);
}

export async function findSource(ctx: AppContext, org: string, id: string): Promise<StoredSource> {
  const found = (await ctx.sources.listSources(org)).find((s) => s.id === id);
  if (!found) throw new AppError('not_found', `no source "${id}"`);
  return found;
}
