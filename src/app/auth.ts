import { createHash, randomBytes } from 'node:crypto';
import type { AppContext } from './context.ts';

/** Tokens are stored only as their SHA-256 hash. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Makes sure an admin token exists: the configured one (SPENDLENS_ADMIN_TOKEN) is registered; without
 * one, a token is generated on first start and returned so the caller can print it once.
 */
export async function ensureAdminToken(ctx: AppContext): Promise<string | null> {
  if (ctx.config.adminToken) {
    await ctx.store.putToken(
      ctx.config.org,
      hashToken(ctx.config.adminToken),
      'admin (SPENDLENS_ADMIN_TOKEN)',
    );
    return null;
  }
  if ((await ctx.store.countTokens()) > 0) return null;
  const token = `sl_${randomBytes(24).toString('base64url')}`;
  await ctx.store.putToken(ctx.config.org, hashToken(token), 'admin (generated on first start)');
  return token;
}
