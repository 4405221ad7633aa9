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

/** Requires a bearer token (or the dashboard's session cookie) on every API route, compatibility routes included. */
export function registerAuth(app: FastifyInstance, ctx: AppContext): void {
  const authenticate = createAuthenticator(ctx);
  app.decorateRequest('org', '');
  app.decorateRequest('actor', '');
  app.addHook('onRequest', async (request) => {
    // why: the matched route, not the raw URL, so an encoded path (`/%61pi/v1/…`) cannot slip past.
    if (!needsToken(request.url) && !needsToken(request.routeOptions.url ?? '')) return;
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

/** `/api/v1/…`, and the routes that speak other tools' protocols: `/v1/…` (OTLP, transactions) and InfluxDB's write. */
function needsToken(path: string): boolean {
  return path.startsWith('/api/v1/') || path.startsWith('/v1/') || /^\/api\/v2\/write(\?|$)/.test(path);
}

// why: InfluxDB clients send `Authorization: Token <token>`; the same token works in either form.
function bearer(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  const match = header ? /^(?:Bearer|Token)\s+(\S+)$/i.exec(header) : null;
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
