import { gunzipSync, inflateSync } from 'node:zlib';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../../domain/errors.ts';

/**
 * Makes every body in an encapsulated scope arrive as raw bytes, whatever its content type (or none),
 * for the compatibility routes that speak other tools' wire formats. Call it inside `app.register`.
 */
export function acceptRawBodies(scope: FastifyInstance): void {
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
}

/** The media type of a request without parameters, lower-cased: `application/json`, or '' when absent. */
export function mediaType(request: FastifyRequest): string {
  return (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/**
 * The request body with its `Content-Encoding` (gzip or deflate) undone. The decompressed size is held
 * to the same limit as bodies on the wire.
 */
export function decodedBody(request: FastifyRequest, maxBytes: number): Buffer {
  const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
  const encoding = String(request.headers['content-encoding'] ?? 'identity')
    .trim()
    .toLowerCase();
  if (encoding === 'identity' || encoding === '') return body;
  if (encoding !== 'gzip' && encoding !== 'deflate') {
    throw new AppError('bad_request', `unsupported content-encoding "${encoding}": send gzip or none`);
  }
  try {
    const inflate = encoding === 'gzip' ? gunzipSync : inflateSync;
    return inflate(body, { maxOutputLength: maxBytes });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new AppError('payload_too_large', `the decompressed body is over ${maxBytes} bytes`);
    }
    throw new AppError('bad_request', `the body is not valid ${encoding} data`, { cause: error });
  }
}
