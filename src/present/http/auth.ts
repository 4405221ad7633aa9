import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../app/context.ts';
import { demand } from '../../app/identity/guard.ts';
import { authenticate } from '../../app/identity/resolve.ts';
import type { Need, Principal } from '../../domain/access.ts';
import { AppError } from '../../domain/errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is calling, with what they may see and do; null on routes without authentication. */
    principal: Principal | null;
    /** The tenant the caller belongs to. */
    org: string;
    /** Who is acting, for audit entries. */
    actor: string;
  }
}

export const SESSION_COOKIE = 'spendlens_session';
export const CSRF_HEADER = 'x-csrf-token';

type Method = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
const READS: Method[] = ['GET', 'HEAD'];
const WRITES: Method[] = ['POST', 'PUT', 'PATCH', 'DELETE'];

/**
 * What each route needs, first match wins; `*` at the end matches the rest of the path and `:x` one
 * segment. Anything not listed needs `admin`: a new route is denied until someone decides otherwise.
 */
export const PERMISSIONS: [Method[], string, Need][] = [
  [['POST'], '/api/v1/usage', 'ingest'],
  [['POST'], '/api/v1/activity', 'ingest'],
  [['POST'], '/v1/traces', 'ingest'],
  [['POST'], '/v1/metrics', 'ingest'],
  [['POST'], '/v1/logs', 'ingest'],
  [['POST'], '/api/v2/write', 'ingest'],
  // why: the compatibility job API computes an analysis and writes nothing of the ledger's.
  [['POST'], '/v1/analyse-spend', 'read'],
  [WRITES, '/api/v1/budgets', 'manage_budgets'],
  [WRITES, '/api/v1/budgets/*', 'manage_budgets'],
  [WRITES, '/api/v1/channels', 'manage_alerts'],
  [WRITES, '/api/v1/channels/*', 'manage_alerts'],
  [WRITES, '/api/v1/alerts/*', 'manage_alerts'],
  [['POST'], '/api/v1/anomalies/:id/*', 'manage_alerts'],
  [['POST'], '/api/v1/incidents/:id/*', 'manage_alerts'],
  [['POST'], '/api/v1/reports/run', 'manage_reports'],
  [READS, '/api/v1/audit', 'read_audit'],
  [READS, '/api/v1/users', 'admin'],
  [READS, '/api/v1/users/*', 'admin'],
  [READS, '/api/v1/tokens', 'admin'],
  [READS, '/api/v1/tokens/*', 'admin'],
  [READS, '/api/v1/invitations', 'admin'],
  [READS, '/api/v1/gateway/*', 'admin'],
  [READS, '/api/v1/*', 'read'],
  [READS, '/v1/*', 'read'],
  [READS, '/metrics', 'read'],
];

/** The permission a request needs, by its method and matched route (or its path, for unmatched ones). */
export function needOf(method: string, path: string): Need {
  const bare = path.split('?')[0] ?? path;
  for (const [methods, pattern, need] of PERMISSIONS) {
    if ((methods as string[]).includes(method) && matches(pattern, bare)) return need;
  }
  return 'admin';
}

function matches(pattern: string, path: string): boolean {
  const want = pattern.split('/');
  const got = path.split('/');
  for (let i = 0; i < want.length; i++) {
    const w = want[i];
    if (w === '*') return got.length > i && got.slice(i).join('/') !== '';
    if (got[i] === undefined || (w !== got[i] && !(w?.startsWith(':') && got[i] !== ''))) return false;
  }
  return got.length === want.length;
}

/**
 * Every API route, compatibility routes included, needs a bearer token or the dashboard's session
 * cookie, and the permission its entry in `PERMISSIONS` names. Cookie-borne writes need the CSRF token.
 */
export function registerAuth(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('principal', null);
  app.decorateRequest('org', '');
  app.decorateRequest('actor', '');
  app.addHook('onRequest', async (request) => {
    // why: the matched route, not the raw URL, so an encoded path (`/%61pi/v1/…`) cannot slip past.
    const route = request.routeOptions.url;
    if (!needsToken(request.url) && !needsToken(route ?? '')) return;
    const token = bearer(request);
    const session = token ? null : cookie(request, SESSION_COOKIE);
    if (!token && !session) {
      throw new AppError('unauthorized', 'missing credentials: send "Authorization: Bearer <token>"');
    }
    const found = token
      ? await authenticate(ctx, token, 'bearer')
      : await authenticate(ctx, session!, 'cookie');
    if (!found) {
      throw new AppError(
        'unauthorized',
        token ? 'the token is not valid for this spendlens' : 'the session has ended: sign in again',
      );
    }
    if (!token && WRITES.includes(request.method as Method)) checkCsrf(request, found.csrfToken);
    const path = route && route !== '/*' ? route : request.url;
    demand(found.principal, needOf(request.method, path));
    request.principal = found.principal;
    request.org = found.principal.org;
    request.actor = found.principal.actor;
  });
}

/** The principal of an authenticated route (the hook has run); `unauthorized` elsewhere. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError('unauthorized', 'sign in first');
  return request.principal;
}

function checkCsrf(request: FastifyRequest, expected: string | null): void {
  const sent = request.headers[CSRF_HEADER];
  const given = typeof sent === 'string' ? sent : '';
  const digest = (v: string) => createHash('sha256').update(v).digest();
  if (!expected || !given || !timingSafeEqual(digest(given), digest(expected))) {
    throw new AppError(
      'forbidden',
      'missing or wrong CSRF token: send the csrfToken of GET /api/session as the X-CSRF-Token header',
    );
  }
}

/**
 * `/api/v1/…`, and the routes that speak other tools' protocols: `/v1/…` (OTLP, transactions),
 * InfluxDB's write and Prometheus's `/metrics`.
 */
function needsToken(path: string): boolean {
  return (
    path.startsWith('/api/v1/') || path.startsWith('/v1/') || /^\/(api\/v2\/write|metrics)(\?|$)/.test(path)
  );
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
    if (key !== name) continue;
    try {
      return decodeURIComponent(value.join('='));
    } catch {
      return null;
    }
  }
  return null;
}

/** Sets (or, with an empty value and no age, clears) the session cookie: HttpOnly, SameSite=Lax, Secure over TLS. */
export function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  id: string,
  maxAgeSeconds: number,
) {
  const secure = request.protocol === 'https' ? '; Secure' : '';
  reply.header(
    'set-cookie',
    `${SESSION_COOKIE}=${encodeURIComponent(id)}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${secure}`,
  );
}
