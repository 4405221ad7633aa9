import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../../app/context.ts';
import { ingestUsage } from '../../../app/ingest.ts';
import { AppError } from '../../../domain/errors.ts';
import {
  decodeTraceRequest,
  encodeStatus,
  encodeTraceResponse,
  readTraceRequest,
} from '../../../sources/otlp/index.ts';
import { errorHandler, STATUS } from '../errors.ts';
import { exportTelemetry, serialPerOrg } from './otlp-telemetry.ts';
import { acceptRawBodies, decodedBody, mediaType } from './raw-body.ts';

const PROTOBUF = 'application/x-protobuf';
const JSON_TYPE = 'application/json';
// Exports handled at once before callers are told to back off (429 with Retry-After).
const MAX_IN_FLIGHT = 64;
// google.rpc.Code values for the Status body of an error answer.
const RPC_CODES: Record<number, number> = { 400: 3, 401: 16, 413: 8, 415: 3, 429: 8, 503: 14 };

type Handler = (request: FastifyRequest, reply: FastifyReply, protobuf: boolean) => Promise<unknown>;

/**
 * OTLP/HTTP receivers in JSON or protobuf, optionally gzipped: `POST /v1/traces` (GenAI spans),
 * `POST /v1/logs` (coding-assistant usage events) and `POST /v1/metrics` (their cost and token counters).
 * Answers follow the OTLP spec: 200 (with `partialSuccess` when items were rejected), 400 for a body that
 * cannot be decoded, 415 for other content types, 429/503 with Retry-After when busy. Protobuf in, protobuf out.
 */
export function otlpRoutes(app: FastifyInstance, ctx: AppContext): void {
  let inFlight = 0;
  const serial = serialPerOrg();
  app.register(async (scope) => {
    acceptRawBodies(scope);
    scope.setErrorHandler(otlpErrorHandler);
    const receive = (path: string, handle: Handler) =>
      scope.post(path, async (request, reply) => {
        const type = mediaType(request);
        if (type !== PROTOBUF && type !== JSON_TYPE) {
          return sendStatus(
            request,
            reply,
            415,
            `unsupported content type "${type}": send ${JSON_TYPE} or ${PROTOBUF}`,
          );
        }
        if (inFlight >= MAX_IN_FLIGHT)
          return sendStatus(request, reply, 429, 'too many exports at once: retry shortly');
        inFlight++;
        try {
          return await handle(request, reply, type === PROTOBUF);
        } finally {
          inFlight--;
        }
      });
    receive('/v1/traces', (request, reply, protobuf) => exportTraces(ctx, request, reply, protobuf));
    for (const signal of ['logs', 'metrics'] as const) {
      receive(`/v1/${signal}`, (request, reply, protobuf) =>
        serial(request.org, () => exportTelemetry(ctx, signal, request, reply, protobuf)),
      );
    }
  });
}

async function exportTraces(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  protobuf: boolean,
) {
  const body = decodedBody(request, ctx.config.limits.maxBodyBytes);
  const read = readTraceRequest(protobuf ? decodeProtobuf(body) : decodeJson(body));
  if (!read.ok) throw new AppError('bad_request', read.message);
  const { items, rejected } = read.batch;
  const result = await ingestUsage(ctx, { org: request.org, source: 'otlp', items });
  for (const r of result.rejected) {
    const spanId = String(items[r.index]?.id ?? '').split(':')[2];
    rejected.push(`span ${spanId}: ${r.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  }
  const errorMessage = rejected.slice(0, 5).join('; ') + (rejected.length > 5 ? '; …' : '');
  if (protobuf)
    return reply.type(PROTOBUF).send(Buffer.from(encodeTraceResponse(rejected.length, errorMessage)));
  const partialSuccess = { rejectedSpans: String(rejected.length), errorMessage };
  return reply.type(JSON_TYPE).send(rejected.length ? { partialSuccess } : {});
}

function decodeProtobuf(body: Buffer): unknown {
  try {
    return decodeTraceRequest(body);
  } catch (error) {
    throw new AppError(
      'bad_request',
      `the body is not a protobuf ExportTraceServiceRequest: ${(error as Error).message}`,
    );
  }
}

function decodeJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw new AppError('bad_request', `the body is not valid JSON: ${(error as Error).message}`);
  }
}

/** Errors as OTLP answers them: a google.rpc.Status in the request's encoding, Retry-After when retryable. */
function otlpErrorHandler(error: FastifyError | AppError, request: FastifyRequest, reply: FastifyReply) {
  if (!(error instanceof AppError) && !error.statusCode) return errorHandler(error, request, reply);
  const status = error instanceof AppError ? STATUS[error.code] : (error.statusCode as number);
  return sendStatus(request, reply, status, error.message);
}

export function sendStatus(request: FastifyRequest, reply: FastifyReply, status: number, message: string) {
  if (status === 429 || status === 503) reply.header('retry-after', '1');
  const code = RPC_CODES[status] ?? 13;
  reply.status(status);
  if (mediaType(request) === PROTOBUF)
    return reply.type(PROTOBUF).send(Buffer.from(encodeStatus(code, message)));
  return reply.type(JSON_TYPE).send({ code, message });
}
