import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../../app/context.ts';
import { ingestTelemetryEvents } from '../../../app/telemetry/events.ts';
import { ingestTelemetryMetrics } from '../../../app/telemetry/metrics.ts';
import { AppError } from '../../../domain/errors.ts';
import { readLogsRequest } from '../../../sources/otlp/logs.ts';
import { readMetricsRequest } from '../../../sources/otlp/metrics.ts';
import {
  decodeTelemetryRequest,
  encodeTelemetryResponse,
  rejectedField,
  type Signal,
} from '../../../sources/otlp/proto-telemetry.ts';
import { decodedBody } from './raw-body.ts';

const PROTOBUF = 'application/x-protobuf';
const JSON_TYPE = 'application/json';

/**
 * One `POST /v1/logs` or `/v1/metrics` export: decode, read the coding-assistant usage in it, book it,
 * and answer with the count of refused log records or data points and why (the first five reasons).
 */
export async function exportTelemetry(
  ctx: AppContext,
  signal: Signal,
  request: FastifyRequest,
  reply: FastifyReply,
  protobuf: boolean,
): Promise<unknown> {
  const raw = decode(signal, decodedBody(request, ctx.config.limits.maxBodyBytes), protobuf);
  const rejected =
    signal === 'logs' ? await bookLogs(ctx, request, raw) : await bookMetrics(ctx, request, raw);
  const errorMessage = rejected.slice(0, 5).join('; ') + (rejected.length > 5 ? '; …' : '');
  if (protobuf)
    return reply
      .type(PROTOBUF)
      .send(Buffer.from(encodeTelemetryResponse(signal, rejected.length, errorMessage)));
  const partialSuccess = { [rejectedField(signal)]: String(rejected.length), errorMessage };
  return reply.type(JSON_TYPE).send(rejected.length ? { partialSuccess } : {});
}

async function bookLogs(ctx: AppContext, request: FastifyRequest, raw: unknown): Promise<string[]> {
  const read = readLogsRequest(raw);
  if (!read.ok) throw new AppError('bad_request', read.message);
  const { events, rejected, ignored } = read.batch;
  const result = await ingestTelemetryEvents(ctx, { org: request.org, events });
  request.log.debug(
    { accepted: result.accepted, duplicates: result.duplicates, ignored, superseded: result.superseded },
    'otlp logs export',
  );
  return [...rejected, ...result.rejected];
}

async function bookMetrics(ctx: AppContext, request: FastifyRequest, raw: unknown): Promise<string[]> {
  const read = readMetricsRequest(raw);
  if (!read.ok) throw new AppError('bad_request', read.message);
  const { samples, rejected, ignored } = read.batch;
  const result = await ingestTelemetryMetrics(ctx, { org: request.org, samples });
  request.log.debug(
    { booked: result.booked, coveredByEvents: result.covered.length, ignored },
    'otlp metrics export',
  );
  return [...rejected, ...result.rejected];
}

function decode(signal: Signal, body: Buffer, protobuf: boolean): unknown {
  const name = signal === 'logs' ? 'ExportLogsServiceRequest' : 'ExportMetricsServiceRequest';
  try {
    return protobuf ? decodeTelemetryRequest(signal, body) : JSON.parse(body.toString('utf8'));
  } catch (error) {
    const what = protobuf ? `a protobuf ${name}` : 'valid JSON';
    throw new AppError('bad_request', `the body is not ${what}: ${(error as Error).message}`);
  }
}

/**
 * Runs one org's telemetry exports one at a time in this process: a cumulative series is differenced
 * against what was booked before, and events void metric records, so two exports of one org must not
 * interleave their reads and writes.
 */
export function serialPerOrg(): <T>(org: string, task: () => Promise<T>) => Promise<T> {
  const tails = new Map<string, Promise<unknown>>();
  return (org, task) => {
    const previous = tails.get(org) ?? Promise.resolve();
    const run = previous.then(task, task);
    const tail = run.catch(() => undefined);
    tails.set(org, tail);
    void tail.then(() => {
      if (tails.get(org) === tail) tails.delete(org);
    });
    return run;
  };
}
