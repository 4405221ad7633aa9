import type { FastifyRequest } from 'fastify';

/** Paths whose last segment (or the one before `/accept`) is a one-time secret: the invitation links. */
const SECRET_PATH = /^(\/api\/invitations\/)[^/?]+/;

/** A request as the log shows it: Fastify's fields, with one-time link tokens masked. */
export function requestLog(request: FastifyRequest) {
  return {
    method: request.method,
    url: request.url.replace(SECRET_PATH, '$1…'),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}
