import type { FastifyInstance, FastifyRequest } from 'fastify';
import { createAuthenticator } from '../../app/auth.ts';
import type { AppContext } from '../../app/context.ts';
import { AppError } from '../../domain/errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The tenant the caller's token belongs to. */
    org: string;
    /** Who is acting, for audit entries. */
    actor: string;
  }
}

export const SESSION_COOKIE = 'spendlens_session';

/** Requires a bearer token (or the dashboard's session cookie) on every `/api/v1` route. */
export function registerAuth(app: FastifyInstance, ctx: AppContext): void {
  const authenticate = createAuthenticator(ctx);
  app.decorateRequest('org', '');
  app.decorateRequest('actor', '');
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/v1/')) return;
    const token = bearer(request) ?? cookie(request, SESSION_COOKIE);
    if (!token) {
      throw new AppError('unauthorized', 'missing credentials: send "Authorization: Bearer <token>"');
    }
    const found = await authenticate(token);
    if (!found) throw new AppError('unauthorized', 'the token is not valid for this spendlens');
    request.org = found.org;
    request.actor = `token:${found.label}`;
  });
}

function bearer(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1] ?? null;
}

/** Reads one cookie without a cookie library: the dashboard sets exactly one. */
export function cookie(request: FastifyRequest, name: string): string | null {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return null;
}
