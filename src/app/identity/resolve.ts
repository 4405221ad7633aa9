import { createHash } from 'node:crypto';
import { type Principal, tokenPrincipal, userPrincipal } from '../../domain/access.ts';
import type { StoredSession, StoredToken } from '../../store/types.ts';
import { hashToken } from '../auth.ts';
import type { AppContext } from '../context.ts';
import { tokenCreator } from './creator.ts';
import { findSession } from './sessions.ts';

/** Who a credential belongs to, and the CSRF token a cookie-borne credential must be sent with. */
export interface Authenticated {
  principal: Principal;
  /** Set for the session cookie: state-changing requests must carry it in `X-CSRF-Token`. */
  csrfToken: string | null;
  /** The browser session, when the credential was one. */
  session: StoredSession | null;
}

/** last_used_at of a token is written at most this often. */
const TOUCH_MS = 60_000;

/**
 * Resolves a bearer token, or the session cookie's value (a session id, or an API token put there
 * by hand), to its principal. Null for anything unknown, revoked, expired or disabled, or for a token
 * whose creator is gone or disabled.
 */
// why: asked of the store on every request, never cached here, so a revocation, removal or demotion made
// on one instance holds on every other at once (the DuckDB store, which one process holds, answers
// from a copy it drops on every identity write).
export async function authenticate(
  ctx: AppContext,
  credential: string,
  from: 'bearer' | 'cookie',
): Promise<Authenticated | null> {
  return from === 'cookie' ? fromCookie(ctx, credential) : fromToken(ctx, credential);
}

async function fromCookie(ctx: AppContext, credential: string): Promise<Authenticated | null> {
  const session = await findSession(ctx, credential);
  if (!session) {
    // why: cookies set before accounts existed hold the admin token itself; they keep working.
    const token = await fromToken(ctx, credential);
    return token && { ...token, csrfToken: legacyCsrf(credential) };
  }
  const principal = session.userId
    ? await userOf(ctx, session.org, session.userId)
    : await tokenOf(ctx, session.org, session.tokenId);
  return principal && { principal, csrfToken: session.csrfToken, session };
}

async function fromToken(ctx: AppContext, credential: string): Promise<Authenticated | null> {
  const token = await ctx.identity.getTokenByHash(hashToken(credential));
  const principal = token && (await livePrincipal(ctx, token));
  if (!token || !principal) return null;
  await markUsed(ctx, token);
  return { principal, csrfToken: null, session: null };
}

async function userOf(ctx: AppContext, org: string, userId: string): Promise<Principal | null> {
  const user = await ctx.identity.getUser(org, userId);
  if (!user || user.disabled) return null;
  const memberships = (await ctx.identity.listTeamMembers(org)).filter((m) => m.userId === userId);
  return userPrincipal({ ...user, memberships });
}

async function tokenOf(ctx: AppContext, org: string, tokenId: string | null): Promise<Principal | null> {
  const token = (await ctx.identity.listTokens(org)).find((t) => t.id === tokenId);
  return token ? livePrincipal(ctx, token) : null;
}

/** A token's principal while it is live and its creator may still act; null otherwise. */
async function livePrincipal(ctx: AppContext, token: StoredToken): Promise<Principal | null> {
  if (token.revokedAt) return null;
  const creator = await tokenCreator(ctx, token);
  return creator && tokenPrincipal(token, creator);
}

async function markUsed(ctx: AppContext, token: StoredToken): Promise<void> {
  const now = ctx.now();
  if (token.lastUsedAt && now.getTime() - token.lastUsedAt.getTime() < TOUCH_MS) return;
  // why: a failed bookkeeping write must not fail the request it belongs to.
  await ctx.identity.touchToken(token.id, now).catch(() => undefined);
}

/** The CSRF token of a cookie that holds an API token: derived, so nothing needs storing. */
export function legacyCsrf(token: string): string {
  return createHash('sha256').update(`spendlens-csrf:${token}`).digest('base64url');
}
