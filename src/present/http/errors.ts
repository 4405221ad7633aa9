import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type ErrorCode, RetryLaterError } from '../../domain/errors.ts';

/** The one place error codes become HTTP statuses. */
export const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  too_many_requests: 429,
  store_locked: 503,
  config_invalid: 500,
  unavailable: 503,
  internal: 500,
};

/** Answers every error as `{ error: { code, message, errors? } }`. */
export function errorHandler(error: FastifyError | AppError, request: FastifyRequest, reply: FastifyReply) {
  const app = toAppError(error, request);
  const status = STATUS[app.code];
  if (status >= 500) request.log.error({ err: error }, app.message);
  const body: Record<string, unknown> = { code: app.code, message: app.message };
  if (app.errors.length) body.errors = app.errors;
  if (app instanceof RetryLaterError) reply.header('retry-after', String(app.retryAfterSeconds));
  return reply.status(status).send({ error: body });
}

function toAppError(error: FastifyError | AppError, request: FastifyRequest): AppError {
  if (error instanceof AppError) return error;
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    const limit = request.routeOptions.bodyLimit ?? request.server.initialConfig.bodyLimit ?? 0;
    return new AppError(
      'payload_too_large',
      `request body is over the ${Math.round(limit / 1024 / 1024)} MB limit (limits.max_body_bytes): send it in smaller batches`,
    );
  }
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return new AppError(
      'bad_request',
      `unsupported content type: send application/json or application/x-ndjson`,
    );
  }
  if (error instanceof SyntaxError || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
    return new AppError('bad_request', `request body is not valid JSON: ${error.message}`);
  }
  if (error.statusCode && error.statusCode < 500) {
    return new AppError(error.statusCode === 404 ? 'not_found' : 'bad_request', error.message);
  }
  return new AppError('internal', 'internal error', { cause: error });
}
