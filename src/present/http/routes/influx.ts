import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../../app/context.ts';
import { ingestUsage } from '../../../app/ingest.ts';
import { AppError, type ErrorCode } from '../../../domain/errors.ts';
import {
  type LineError,
  PRECISIONS,
  type Precision,
  readLineProtocol,
} from '../../../sources/influx/index.ts';
import { errorHandler, STATUS } from '../errors.ts';
import { acceptRawBodies, decodedBody } from './raw-body.ts';

// InfluxDB's error codes, by spendlens error code, so clients written for InfluxDB read our errors.
const INFLUX_CODES: Partial<Record<ErrorCode, string>> = {
  bad_request: 'invalid',
  validation_failed: 'invalid',
  unauthorized: 'unauthorized',
  forbidden: 'forbidden',
  payload_too_large: 'request too large',
  store_locked: 'unavailable',
  unavailable: 'unavailable',
};

/**
 * `POST /api/v2/write`: InfluxDB 2 line protocol. Points of the `ai_costs` measurement become records;
 * other measurements are ignored. Like InfluxDB, the good lines of a body are written even when others
 * are bad, and the answer is then a 400 naming the bad lines; 204 when every line was taken.
 */
export function influxRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.register(async (scope) => {
    acceptRawBodies(scope);
    scope.setErrorHandler(influxErrorHandler);
    scope.post('/api/v2/write', async (request, reply) => {
      const precision = readPrecision(request.query as Record<string, string | undefined>);
      const body = decodedBody(request, ctx.config.limits.maxBodyBytes).toString('utf8');
      const batch = readLineProtocol(body, precision, ctx.now());
      if (batch.items.length + batch.errors.length + batch.ignored === 0) {
        throw new AppError('bad_request', 'writing requires points');
      }
      if (batch.items.length > ctx.config.limits.maxBatchRecords) {
        throw new AppError(
          'payload_too_large',
          `over ${ctx.config.limits.maxBatchRecords} points in one write`,
        );
      }
      const result = await ingestUsage(ctx, { org: request.org, source: 'influx', items: batch.items });
      const errors: LineError[] = [...batch.errors];
      for (const r of result.rejected) {
        const message = r.errors.map((e) => `${e.path}: ${e.message}`).join('; ');
        errors.push({ line: batch.lines[r.index] ?? 0, text: '', message });
      }
      if (errors.length === 0) return reply.status(204).send();
      errors.sort((a, b) => a.line - b.line);
      const written = result.accepted + result.duplicates;
      return reply.status(400).send({ code: 'invalid', message: describeErrors(errors, written) });
    });
  });
}

function readPrecision(query: Record<string, string | undefined>): Precision {
  const precision = query.precision ?? 'ns';
  if (!(PRECISIONS as readonly string[]).includes(precision)) {
    throw new AppError('bad_request', `precision "${precision}" is not one of ${PRECISIONS.join(', ')}`);
  }
  return precision as Precision;
}

/** InfluxDB's partial-write message, with each bad line's number, text and reason (the first 20). */
function describeErrors(errors: LineError[], written: number): string {
  const shown = errors.slice(0, 20).map((e) => {
    const text = e.text.length > 80 ? `${e.text.slice(0, 77)}...` : e.text;
    return text ? `line ${e.line}: unable to parse '${text}': ${e.message}` : `line ${e.line}: ${e.message}`;
  });
  const more = errors.length > 20 ? `; and ${errors.length - 20} more bad lines` : '';
  return `partial write error (${written} written): ${shown.join('; ')}${more}`;
}

/** Errors in InfluxDB's shape: `{code, message}`. */
function influxErrorHandler(error: FastifyError | AppError, request: FastifyRequest, reply: FastifyReply) {
  if (!(error instanceof AppError)) {
    if (!error.statusCode || error.statusCode >= 500) return errorHandler(error, request, reply);
    const code = error.statusCode === 413 ? 'request too large' : 'invalid';
    return reply.status(error.statusCode).send({ code, message: error.message });
  }
  const status = STATUS[error.code];
  if (status === 503) reply.header('retry-after', '1');
  return reply
    .status(status)
    .send({ code: INFLUX_CODES[error.code] ?? 'internal error', message: error.message });
}
