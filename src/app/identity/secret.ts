import { randomBytes } from 'node:crypto';
import type { Principal } from '../../domain/access.ts';
import { hashToken } from '../auth.ts';
import type { AppContext } from '../context.ts';

/** A new random secret (`<prefix>_` and 32 random bytes) and the SHA-256 the store keeps instead. */
export function newSecret(prefix: string): { secret: string; hash: string } {
  const secret = `${prefix}_${randomBytes(32).toString('base64url')}`;
  return { secret, hash: hashToken(secret) };
}

/** A short random id, e.g. `usr_3f9a1c2b7d4e`. */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(6).toString('hex')}`;
}

/** Who acts: a principal, or a named system actor such as `cli` or `spendlens`. */
export type Actor = Pick<Principal, 'actor'>;

/** Writes the audit entry of an identity change. */
export async function recordChange(
  ctx: AppContext,
  org: string,
  by: Actor,
  action: string,
  detail: Record<string, unknown>,
): Promise<void> {
  await ctx.audit.addAudit({ org, at: ctx.now(), actor: by.actor, action, detail });
}
