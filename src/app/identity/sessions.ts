import { randomBytes } from 'node:crypto';
import type { StoredSession } from '../../store/types.ts';
import { hashToken } from '../auth.ts';
import type { AppContext } from '../context.ts';
import { newSecret } from './secret.ts';

/** A session ends after 12 hours without a request, and 7 days after sign-in whatever happens. */
export const SESSION_IDLE_MS = 12 * 3_600_000;
export const SESSION_MAX_MS = 7 * 86_400_000;
/** last_seen_at is written at most this often per session. */
const TOUCH_MS = 60_000;

/** A new session: its id (the cookie's value, shown once) and the CSRF token the dashboard sends back. */
export interface NewSession {
  id: string;
  csrfToken: string;
  expiresAt: Date;
}

/** Starts a browser session for a user, or for an API token signed in on the sign-in page. */
export async function createSession(
  ctx: AppContext,
  owner: { org: string; userId: string } | { org: string; tokenId: string },
): Promise<NewSession> {
  const { secret, hash } = newSecret('ss');
  const now = ctx.now();
  const session: StoredSession = {
    idHash: hash,
    org: owner.org,
    userId: 'userId' in owner ? owner.userId : null,
    tokenId: 'tokenId' in owner ? owner.tokenId : null,
    csrfToken: randomBytes(32).toString('base64url'),
    createdAt: now,
    expiresAt: new Date(now.getTime() + SESSION_MAX_MS),
    lastSeenAt: now,
  };
  await ctx.identity.putSession(session);
  return { id: secret, csrfToken: session.csrfToken, expiresAt: session.expiresAt };
}

/** When a session stops being valid: its absolute expiry, or 12 hours after it was last seen. */
function sessionEnd(session: StoredSession): Date {
  return new Date(Math.min(session.expiresAt.getTime(), session.lastSeenAt.getTime() + SESSION_IDLE_MS));
}

/** The live session with this id (marking it seen), or null; an expired one is deleted. */
export async function findSession(ctx: AppContext, id: string): Promise<StoredSession | null> {
  const idHash = hashToken(id);
  const session = await ctx.identity.getSession(idHash);
  if (!session) return null;
  const now = ctx.now();
  if (now >= sessionEnd(session)) {
    await ctx.identity.deleteSession(idHash);
    return null;
  }
  if (now.getTime() - session.lastSeenAt.getTime() < TOUCH_MS) return session;
  await ctx.identity.touchSession(idHash, now);
  return { ...session, lastSeenAt: now };
}

/** Signs out: the session is deleted, so its cookie is worthless even if copied. */
export async function endSession(ctx: AppContext, id: string): Promise<void> {
  await ctx.identity.deleteSession(hashToken(id));
}
