import type { ChannelSettings } from '../../config/alerting.ts';
import { AppError } from '../../domain/errors.ts';
import { keyHint } from '../../lib/crypto.ts';
import type { StoredChannel } from '../../store/types.ts';
import type { Keyring } from '../secrets.ts';
import { type ChannelSecrets, openChannelSecrets, parseRow } from './runtime.ts';

/** A channel as the API and CLI show it: settings, where it is defined, and hints of its secrets. */
export type ChannelView = ChannelSettings & {
  origin: 'config' | 'api';
  /** e.g. `https://hooks.slack.com/…/abcd`; the URL itself is never returned. */
  urlHint: string | null;
  secretHint: string | null;
  urlEnv?: string;
  secretEnv?: string;
  createdAt: string;
  updatedAt: string;
};

/** A stored channel as shown: its settings, and hints of the secrets it holds (none when they cannot be opened). */
export function channelView(ring: Keyring, row: StoredChannel, settings?: ChannelSettings): ChannelView {
  const parsed = settings ?? parseRow(row)?.settings;
  if (!parsed) throw new AppError('internal', `channel "${row.id}" has damaged settings`);
  const secrets = safeOpen(ring, row);
  const vars = row.origin === 'config' ? (row.settings as { urlEnv?: string; secretEnv?: string }) : {};
  return {
    ...parsed,
    origin: row.origin,
    urlHint: secrets?.url ? urlHint(secrets.url) : null,
    secretHint: secrets?.secret ? keyHint(secrets.secret) : null,
    ...(vars.urlEnv ? { urlEnv: vars.urlEnv } : {}),
    ...(vars.secretEnv ? { secretEnv: vars.secretEnv } : {}),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Secrets for a hint; a row sealed under another key shows none rather than failing the list. */
function safeOpen(ring: Keyring, row: StoredChannel): ChannelSecrets | null {
  try {
    return openChannelSecrets(ring, row);
  } catch {
    return null;
  }
}

/** `https://hooks.slack.com/…/abcd`: where it points and the last four characters of its path, never the path. */
function urlHint(url: string): string {
  const u = new URL(url);
  const last = u.pathname.split('/').filter(Boolean).at(-1) ?? '';
  return `${u.protocol}//${u.host}/…/${last.slice(-4)}`;
}
