import type { FastifyInstance } from 'fastify';
import { AppError } from '../../domain/errors.ts';

/** Bodies checked record by record instead, so one bad record never rejects the others. */
const PER_RECORD = new Set(['/api/v1/usage']);

/**
 * Refuses a NUL character anywhere in a request's path parameters, query string or JSON body, naming
 * where. PostgreSQL text cannot hold one, so it would otherwise surface as a 500 on one engine only.
 * Raw bodies (line protocol, OTLP) and usage records are checked by the record schema.
 */
export function refuseNul(app: FastifyInstance): void {
  app.addHook('preHandler', async (request) => {
    const perRecord = request.method === 'POST' && PER_RECORD.has(request.routeOptions.url ?? '');
    const where =
      nulPath(request.params, 'params') ??
      nulPath(request.query, '') ??
      (perRecord || Buffer.isBuffer(request.body) ? null : nulPath(request.body, ''));
    if (where === null) return;
    const path = where || '(body)';
    const message = 'must not contain NUL characters';
    throw new AppError('validation_failed', `${path}: ${message}`, { errors: [{ path, message }] });
  });
}

/** The dotted path of the first key or string holding a NUL character; null when there is none. */
export function nulPath(value: unknown, path: string): string | null {
  // why: a loop, not recursion: a body nested thousands deep must not overflow the stack.
  const stack: [unknown, string][] = [[value, path]];
  while (stack.length) {
    const [item, at] = stack.pop()!;
    if (typeof item === 'string') {
      if (item.includes('\u0000')) return at;
    } else if (item !== null && typeof item === 'object') {
      for (const [key, inner] of Object.entries(item)) {
        const next = at ? `${at}.${key}` : key;
        if (key.includes('\u0000')) return next;
        stack.push([inner, next]);
      }
    }
  }
  return null;
}
