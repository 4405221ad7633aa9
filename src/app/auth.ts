import { createHash, randomBytes } from 'node:crypto';
import type { AppContext } from './context.ts';

/** Tokens are stored only as their SHA-256 hash. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Registers the configured admin token (SPENDLENS_ADMIN_TOKEN), if any. `serve` calls it before it
 * listens, so the token works from the first request the server answers.
 */
export async function registerConfiguredToken(ctx: AppContext): Promise<void> {
  if (!ctx.config.adminToken) return;
  await ctx.identity.putToken(
    ctx.config.org,
    hashToken(ctx.config.adminToken),
    'admin (SPENDLENS_ADMIN_TOKEN)',
  );
}

/**
 * Makes sure an admin token exists: the configured one is registered; without one, on the first start
 * a token is generated, handed to `show`, and only then stored, so a start that never got as far as
 * showing it (a port in use) stores none and the next start makes a new one.
 */
export async function ensureAdminToken(
  ctx: AppContext,
  show: (token: string) => void = () => {},
): Promise<string | null> {
  if (ctx.config.adminToken) {
    await registerConfiguredToken(ctx);
    return null;
  }
  if ((await ctx.identity.countTokens()) > 0) return null;
  const token = `sl_${randomBytes(24).toString('base64url')}`;
  show(token);
  await ctx.identity.putToken(ctx.config.org, hashToken(token), 'admin (generated on first start)');
  return token;
}
