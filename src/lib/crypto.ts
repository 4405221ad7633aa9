import { createCipheriv, createDecipheriv, createHash, randomBytes, scryptSync } from 'node:crypto';

/** A 256-bit key and the short id sealed values name it by, so rotation knows which key opens what. */
export interface SecretKey {
  id: string;
  key: Buffer;
}

const VERSION = 'v1';

/** Reads a master key: 64 hex digits or base64 of 32 bytes as is; any other text (≥ 16 chars) through scrypt. */
export function parseMasterKey(text: string): SecretKey {
  const trimmed = text.trim();
  let key: Buffer;
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) key = Buffer.from(trimmed, 'hex');
  else if (/^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed)) key = Buffer.from(trimmed, 'base64');
  else key = scryptSync(trimmed, 'spendlens master key', 32);
  if (key.length !== 32) key = scryptSync(trimmed, 'spendlens master key', 32);
  return { id: keyId(key), key };
}

/** A fresh random key, with its text form (base64) for a key file or the environment. */
export function newMasterKey(): { key: SecretKey; text: string } {
  const key = randomBytes(32);
  return { key: { id: keyId(key), key }, text: key.toString('base64') };
}

function keyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 12);
}

/** AES-256-GCM with a random 96-bit nonce: `v1.<keyId>.<iv>.<tag>.<ciphertext>`, base64url parts. */
export function seal(plain: string, key: SecretKey): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key.key, iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  const parts = [iv, cipher.getAuthTag(), data].map((b) => b.toString('base64url'));
  return [VERSION, key.id, ...parts].join('.');
}

/** The id of the key a sealed value needs, or null when the text is not a sealed value. */
export function sealedWith(sealed: string): string | null {
  const parts = sealed.split('.');
  return parts.length === 5 && parts[0] === VERSION ? (parts[1] ?? null) : null;
}

/** Opens a sealed value; throws when the key is wrong or the text was tampered with. */
export function unseal(sealed: string, key: SecretKey): string {
  const [version, id, iv, tag, data] = sealed.split('.');
  if (version !== VERSION || id !== key.id || !iv || !tag || data === undefined) {
    throw new Error(`sealed with key ${id ?? '?'}, not ${key.id}`);
  }
  const decipher = createDecipheriv('aes-256-gcm', key.key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
}

/** A hint that tells keys apart without revealing them: the last four characters. */
export function keyHint(secret: string): string {
  return secret.length <= 8 ? '••••' : `••••${secret.slice(-4)}`;
}
