import { AppError, RetryLaterError } from '../../domain/errors.ts';
import type { StoredUser } from '../../store/types.ts';
import type { AppContext } from '../context.ts';
import { spendPasswordTime, verifyPassword } from './passwords.ts';
import { createSession, type NewSession } from './sessions.ts';

/** Five wrong passwords in a row lock an account for 15 minutes. */
export const LOCK_AFTER = 5;
export const LOCK_MS = 15 * 60_000;
/** At most 20 sign-in attempts per client address in 5 minutes. */
const IP_ATTEMPTS = 20;
const IP_WINDOW_MS = 5 * 60_000;
const MAX_TRACKED = 50_000;

const WRONG = 'email or password is wrong';

/**
 * The in-memory half of sign-in protection: attempts per client address, and failures of emails that
 * have no account (so an unknown email locks like a known one and nothing tells them apart).
 */
export interface LoginGuard {
  attempts: Map<string, number[]>;
  unknown: Map<string, { failures: number; lockedUntil: number }>;
}

export function createLoginGuard(): LoginGuard {
  return { attempts: new Map(), unknown: new Map() };
}

/** Signs in with email and password; the same answer for an unknown email and a wrong password. */
export async function login(
  ctx: AppContext,
  guard: LoginGuard,
  input: { email: string; password: string; ip: string },
): Promise<{ user: StoredUser; session: NewSession }> {
  const now = ctx.now().getTime();
  countAttempt(guard, input.ip, now);
  const email = input.email.trim().toLowerCase();
  const user = await ctx.identity.findUserByEmail(email);
  if (!user || user.disabled || !user.passwordHash) {
    unknownLock(guard, email, now);
    await spendPasswordTime(input.password);
    unknownFailure(guard, email, now);
    throw new AppError('unauthorized', WRONG);
  }
  if (user.lockedUntil && user.lockedUntil.getTime() > now) throw locked(user.lockedUntil.getTime(), now);
  if (!(await verifyPassword(input.password, user.passwordHash))) {
    const after = await ctx.identity.recordLoginFailure(user.org, user.id, {
      after: LOCK_AFTER,
      until: new Date(now + LOCK_MS),
    });
    if (after.lockedUntil && after.lockedUntil.getTime() > now)
      throw locked(after.lockedUntil.getTime(), now);
    throw new AppError('unauthorized', WRONG);
  }
  await ctx.identity.recordLogin(user.org, user.id, new Date(now));
  return { user, session: await createSession(ctx, { org: user.org, userId: user.id }) };
}

function countAttempt(guard: LoginGuard, ip: string, now: number): void {
  const recent = (guard.attempts.get(ip) ?? []).filter((t) => t > now - IP_WINDOW_MS);
  if (recent.length >= IP_ATTEMPTS) {
    const wait = (recent[0]! + IP_WINDOW_MS - now) / 1000;
    throw new RetryLaterError(
      `too many sign-in attempts from this address: try again in ${minutes(wait)}`,
      wait,
    );
  }
  if (guard.attempts.size >= MAX_TRACKED) guard.attempts.clear();
  guard.attempts.set(ip, [...recent, now]);
}

function unknownLock(guard: LoginGuard, email: string, now: number): void {
  const entry = guard.unknown.get(email);
  if (entry && entry.lockedUntil > now) throw locked(entry.lockedUntil, now);
}

function unknownFailure(guard: LoginGuard, email: string, now: number): void {
  const entry = guard.unknown.get(email) ?? { failures: 0, lockedUntil: 0 };
  const failures = entry.failures + 1;
  if (guard.unknown.size >= MAX_TRACKED) guard.unknown.clear();
  if (failures < LOCK_AFTER) {
    guard.unknown.set(email, { failures, lockedUntil: 0 });
    return;
  }
  guard.unknown.set(email, { failures: 0, lockedUntil: now + LOCK_MS });
  throw locked(now + LOCK_MS, now);
}

function locked(until: number, now: number): RetryLaterError {
  const wait = (until - now) / 1000;
  const at = new Date(until).toISOString().slice(11, 16);
  return new RetryLaterError(
    `too many failed sign-ins: this account is locked until ${at} UTC; try again in ${minutes(wait)}`,
    wait,
  );
}

function minutes(seconds: number): string {
  const m = Math.ceil(seconds / 60);
  return m === 1 ? '1 minute' : `${m} minutes`;
}
