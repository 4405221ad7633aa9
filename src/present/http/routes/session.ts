import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../../app/context.ts';
import { acceptInvitation, describeInvitation } from '../../../app/identity/invitations.ts';
import { createLoginGuard, login } from '../../../app/identity/login.ts';
import { type Authenticated, authenticate } from '../../../app/identity/resolve.ts';
import { createSession, endSession, SESSION_MAX_MS } from '../../../app/identity/sessions.ts';
import { findUser, view } from '../../../app/identity/users.ts';
import { NEEDS, permits } from '../../../domain/access.ts';
import { AppError } from '../../../domain/errors.ts';
import { cookie, SESSION_COOKIE, setSessionCookie } from '../auth.ts';
import { parse } from './analysis-query.ts';

export const signInBody = z.union([
  z.object({ email: z.string().trim().min(1).max(254), password: z.string().min(1).max(1024) }).strict(),
  z.object({ token: z.string().trim().min(1).max(512) }).strict(),
]);
export const acceptBody = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    password: z.string().max(1024),
    email: z.string().trim().max(254).optional(),
  })
  .strict();

type TokenParams = { Params: { token: string } };

/**
 * The browser's session: `/api/session` (sign in with email and password, or with an API token; ask;
 * sign out) and the one-time links `/api/invitations/:token` (what it is for) and `…/accept`.
 */
export function sessionRoutes(app: FastifyInstance, ctx: AppContext): void {
  const guard = createLoginGuard();
  const maxAge = SESSION_MAX_MS / 1000;

  app.get('/api/session', async (request) => {
    const id = cookie(request, SESSION_COOKIE);
    const found = id ? await authenticate(ctx, id, 'cookie') : null;
    return found ? sessionJson(ctx, found) : { signedIn: false };
  });

  app.post('/api/session', async (request, reply) => {
    sameOrigin(request);
    const body = signInBody.safeParse(request.body);
    if (!body.success) {
      const errors = [
        { path: 'email', message: 'send {"email": "…", "password": "…"} (or {"token": "<API token>"})' },
      ];
      throw new AppError('validation_failed', `email: ${errors[0]!.message}`, { errors });
    }
    const started =
      'token' in body.data
        ? await tokenSession(ctx, body.data.token)
        : (await login(ctx, guard, { ...body.data, ip: request.ip })).session;
    setSessionCookie(request, reply, started.id, maxAge);
    const found = await authenticate(ctx, started.id, 'cookie');
    if (!found) throw new AppError('internal', 'the new session could not be read back');
    return sessionJson(ctx, found);
  });

  app.delete('/api/session', async (request, reply) => {
    sameOrigin(request);
    const id = cookie(request, SESSION_COOKIE);
    if (id) await endSession(ctx, id);
    setSessionCookie(request, reply, '', 0);
    return { signedIn: false };
  });

  app.get<TokenParams>('/api/invitations/:token', async (request) => {
    const found = await describeInvitation(ctx, request.params.token);
    const { kind, email, role, teams, expiresAt } = found;
    return { kind, email, role, teams, expiresAt };
  });

  app.post<TokenParams>('/api/invitations/:token/accept', async (request, reply) => {
    sameOrigin(request);
    const body = parse(acceptBody, request.body);
    const user = await acceptInvitation(ctx, request.params.token, body);
    const started = await createSession(ctx, { org: user.org, userId: user.id });
    // why: accepting signs the user in, so Settings shows this as their last sign-in, not "never"
    await ctx.identity.recordLogin(user.org, user.id, ctx.now());
    setSessionCookie(request, reply, started.id, maxAge);
    const found = await authenticate(ctx, started.id, 'cookie');
    if (!found) throw new AppError('internal', 'the new session could not be read back');
    return sessionJson(ctx, found);
  });
}

/** Signing in with an API token (the ledger's admin token, say) starts a session for that token. */
async function tokenSession(ctx: AppContext, token: string) {
  const found = await authenticate(ctx, token, 'bearer');
  if (!found) throw new AppError('unauthorized', 'the token is not valid for this spendlens');
  return createSession(ctx, { org: found.principal.org, tokenId: found.principal.id });
}

/** What the dashboard needs to know of its session: who, what they may do, and the CSRF token. */
async function sessionJson(ctx: AppContext, found: Authenticated) {
  const p = found.principal;
  let user = null;
  if (p.kind === 'user') {
    const stored = await findUser(ctx, p.org, p.id);
    const members = (await ctx.identity.listTeamMembers(p.org)).filter((m) => m.userId === p.id);
    const { email, name, role, teams } = view(stored, members);
    user = { email, name, role, teams };
  }
  return {
    signedIn: true,
    org: p.org,
    label: p.actor.replace(/^(user|token):/, ''),
    user,
    // why: a token carries its creator's role, but one without the admin scope administers nothing.
    role: p.kind === 'token' && !p.scopes.includes('admin') ? 'member' : p.role,
    teams: p.teams,
    leadOf: p.leadOf,
    permissions: NEEDS.filter((n) => permits(p, n)),
    csrfToken: found.csrfToken,
  };
}

/** Refuses a session change posted from another site's page (the cookie is SameSite, the sign-in form is not). */
function sameOrigin(request: FastifyRequest): void {
  const origin = request.headers.origin;
  if (!origin) return;
  const host = request.headers.host;
  if (!host || originHost(origin) !== host) {
    throw new AppError(
      'forbidden',
      `sign-in from ${origin} is not allowed: open spendlens at its own address`,
    );
  }
}

function originHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}
