import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Config } from '../config/schema.ts';
import { AppError } from '../domain/errors.ts';
import { newMasterKey, parseMasterKey, type SecretKey, seal, sealedWith, unseal } from '../lib/crypto.ts';
import { ensurePrivateDir } from '../lib/private-files.ts';

/** The master key in force and every key a stored secret may still be sealed with (mid-rotation). */
export interface Keyring {
  current: SecretKey;
  all: SecretKey[];
  origin: 'env' | 'file';
}

export const keyFile = (config: Config) => join(config.storage.dataDir, 'master.key');
export const nextKeyFile = (config: Config) => `${keyFile(config)}.next`;

/**
 * The master key: SPENDLENS_MASTER_KEY when set, else `master.key` in the data directory, created
 * with mode 0600 on first use. A `master.key.next` left by an interrupted rotation is read too.
 */
export function loadKeyring(config: Config): Keyring {
  const file = keyFile(config);
  const next = nextKeyFile(config);
  const extra = existsSync(next) ? [parseMasterKey(readFileSync(next, 'utf8'))] : [];
  if (config.masterKey) {
    const current = parseMasterKey(config.masterKey);
    return { current, all: [current, ...extra], origin: 'env' };
  }
  if (!existsSync(file)) writeKeyFile(file, newMasterKey().text);
  const current = parseMasterKey(readFileSync(file, 'utf8'));
  return { current, all: [current, ...extra], origin: 'file' };
}

/** Writes a key file readable by its owner only (in a data directory created 0700 if missing). */
export function writeKeyFile(path: string, text: string): void {
  ensurePrivateDir(dirname(path));
  writeFileSync(path, `${text}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
}

/** Completes a rotation of a file key: the next key becomes the key. */
export function promoteNextKey(config: Config): void {
  renameSync(nextKeyFile(config), keyFile(config));
}

export function sealSecret(ring: Keyring, plain: string): string {
  return seal(plain, ring.current);
}

/** Opens a source's stored key; a key sealed under another master key is a clear error naming the source. */
export function openSecret(ring: Keyring, sealed: string, sourceId: string): string {
  const id = sealedWith(sealed);
  const key = ring.all.find((k) => k.id === id);
  if (!key) {
    throw new AppError(
      'config_invalid',
      `source "${sourceId}": its key was encrypted under master key ${id ?? '?'}, but this spendlens has ${ring.current.id}. ` +
        'Set SPENDLENS_MASTER_KEY (the same on every instance) or restore master.key in the data directory, or enter the key again.',
    );
  }
  try {
    return unseal(sealed, key);
  } catch (cause) {
    throw new AppError(
      'config_invalid',
      `source "${sourceId}": its stored key cannot be decrypted (damaged?)`,
      {
        cause,
      },
    );
  }
}
