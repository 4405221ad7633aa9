import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../domain/errors.ts';

/** scrypt cost: N = 2^15, r = 8, p = 1 (about 32 MiB and a few tens of ms a guess). */
const COST = { N: 32_768, r: 8, p: 1 } as const;
const KEY_BYTES = 32;
const SALT_BYTES = 16;
export const MIN_PASSWORD = 12;
const MAX_PASSWORD = 1024;

function derive(password: string, salt: Buffer, cost: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...cost, maxmem: 128 * cost.N * cost.r * 2 };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEY_BYTES, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/** Refuses a password too short (or absurdly long) with a message that says the rule. */
export function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD) {
    const errors = [{ path: 'password', message: `must be at least ${MIN_PASSWORD} characters` }];
    throw new AppError('validation_failed', `password: must be at least ${MIN_PASSWORD} characters`, {
      errors,
    });
  }
  if (password.length > MAX_PASSWORD) {
    throw new AppError('validation_failed', `password: must be at most ${MAX_PASSWORD} characters`);
  }
}

/** Hashes a password with scrypt and a random salt, encoded `scrypt$N$r$p$salt$hash` (base64url). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, COST);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Checks a password against its encoded hash in constant time; false for any malformed hash. */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = encoded.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  if (![cost.N, cost.r, cost.p].every((v) => Number.isSafeInteger(v) && v > 0)) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), cost);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

// why: an unknown email costs as much time as a wrong password, so timing does not tell which it was.
let decoy: Promise<string> | null = null;
export async function spendPasswordTime(password: string): Promise<void> {
  decoy ??= hashPassword(randomBytes(16).toString('hex'));
  await verifyPassword(password, await decoy);
}
