import { type SourceConfig, type SourceSettings, sourceSettingsSchema } from '../../config/sources.ts';
import { AppError } from '../../domain/errors.ts';
import type { StoredSource } from '../../store/types.ts';
import type { AppContext } from '../context.ts';
import { loadKeyring, openSecret } from '../secrets.ts';

/** A source ready to sync: its settings, where it was defined, and its key in memory only. */
export interface RuntimeSource {
  settings: SourceSettings;
  origin: 'config' | 'api';
  keyEnv: string | null;
  key: string;
}

/** Settings as stored: never the key, and for config sources the variable that holds it. */
export function storedSettings(s: SourceSettings | SourceConfig): Record<string, unknown> {
  const { key: _key, ...rest } = s as SourceConfig;
  return rest;
}

/**
 * Writes the sources of spendlens.toml into the store, so status and the API see every source alike,
 * and removes config sources that left the file. An API source of the same id is a conflict.
 */
export async function registerConfigSources(ctx: AppContext, org: string): Promise<void> {
  // why: the file's sources (and their provider keys) belong to the configured org, never to another tenant.
  if (org !== ctx.config.org) return;
  const stored = await ctx.sources.listSources(org);
  const now = ctx.now();
  for (const s of ctx.config.sources) {
    const prev = stored.find((x) => x.id === s.id);
    if (prev?.origin === 'api') {
      throw new AppError(
        'config_invalid',
        `source "${s.id}" is defined in spendlens.toml and through the API: rename one`,
      );
    }
    const settings = storedSettings(s);
    if (prev && JSON.stringify(prev.settings) === JSON.stringify(settings)) continue;
    const row: StoredSource = {
      org,
      id: s.id,
      kind: s.kind,
      origin: 'config',
      settings,
      secret: null,
      keyHint: null,
      createdAt: prev?.createdAt ?? now,
      updatedAt: now,
    };
    await ctx.sources.putSource(row);
  }
  const listed = new Set(ctx.config.sources.map((s) => s.id));
  for (const gone of stored.filter((x) => x.origin === 'config' && !listed.has(x.id))) {
    await ctx.sources.deleteSource(org, gone.id);
  }
}

/** A stored source with its key: from the environment (config sources) or unsealed (API sources). */
export function toRuntime(ctx: AppContext, row: StoredSource): RuntimeSource {
  if (row.origin === 'config') {
    const conf = ctx.config.sources.find((s) => s.id === row.id);
    if (!conf) throw new AppError('not_found', `source "${row.id}" is no longer in spendlens.toml`);
    return { settings: conf, origin: 'config', keyEnv: conf.keyEnv, key: conf.key };
  }
  if (!row.secret)
    throw new AppError(
      'config_invalid',
      `source "${row.id}" has no key: PUT /api/v1/sources/${row.id} with one`,
    );
  const settings = sourceSettingsSchema.parse(row.settings);
  return {
    settings,
    origin: 'api',
    keyEnv: null,
    key: openSecret(loadKeyring(ctx.config), row.secret, row.id),
  };
}
