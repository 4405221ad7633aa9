import type { FastifyInstance } from 'fastify';
import { requireWholeOrg, scopeFilter } from '../../../app/access/scope.ts';
import type { AppContext } from '../../../app/context.ts';
import { ingestUsage, type Rejection } from '../../../app/ingest.ts';
import { voidRequestSchema, voidUsage } from '../../../app/void-usage.ts';
import { AppError } from '../../../domain/errors.ts';
import { recordJson } from '../../json/format.ts';
import { principalOf } from '../auth.ts';
import { parseCursor, parseFilter, parseLimit } from '../query.ts';
import { parse } from './analysis-query.ts';

const NDJSON_TYPES = [
  'application/x-ndjson',
  'application/ndjson',
  'application/jsonl',
  'application/x-jsonlines',
];

/** A body that arrived as NDJSON, still as text so a bad line rejects only itself. */
interface NdjsonBody {
  ndjson: string;
}

/** `POST /api/v1/usage` (object, array or NDJSON) and `GET /api/v1/usage` (filtered, cursor-paged). */
export function usageRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.addContentTypeParser(NDJSON_TYPES, { parseAs: 'string' }, (_req, body, done) => {
    done(null, { ndjson: body as string } satisfies NdjsonBody);
  });

  app.post('/api/v1/usage', async (request, reply) => {
    const { items, rejected } = readItems(request.body);
    if (items.length + rejected.length === 0) throw new AppError('bad_request', 'the body holds no records');
    if (items.length > ctx.config.limits.maxBatchRecords) {
      throw new AppError(
        'payload_too_large',
        `${items.length} records in one request is over the ${ctx.config.limits.maxBatchRecords} limit (limits.max_batch_records)`,
      );
    }
    const positions = items.map((x) => x.index);
    const result = await ingestUsage(ctx, {
      org: request.org,
      source: 'api',
      items: items.map((x) => x.value),
    });
    const allRejected = [
      ...rejected,
      ...result.rejected.map((r) => ({ ...r, index: positions[r.index] ?? r.index })),
    ];
    allRejected.sort((a, b) => a.index - b.index);
    const status = result.accepted + result.duplicates === 0 ? 400 : 200;
    return reply.status(status).send({
      accepted: result.accepted,
      duplicates: result.duplicates,
      rejected: allRejected,
      unpriced: result.unpriced,
    });
  });

  // why: an admin's way out when bad records reached the ledger; needs `admin` (PERMISSIONS' default).
  app.post('/api/v1/usage/void', async (request) => {
    const principal = principalOf(request);
    requireWholeOrg(principal, 'voiding records');
    const body = parse(voidRequestSchema, request.body ?? {});
    return voidUsage(ctx, { ...body, org: request.org, actor: request.actor });
  });

  app.get('/api/v1/usage', async (request) => {
    const query = request.query as Record<string, string | string[]>;
    const filter = scopeFilter(principalOf(request), parseFilter(query, ctx.now(), 30));
    const limit = parseLimit(query, 100, 1000);
    const page = await ctx.usage.listUsage({ ...filter, limit, cursor: parseCursor(query) });
    return { records: page.records.map(recordJson), nextCursor: page.nextCursor };
  });
}

/** Splits a body into raw records with their positions; unparseable NDJSON lines become rejections. */
function readItems(body: unknown): { items: { index: number; value: unknown }[]; rejected: Rejection[] } {
  if (body && typeof body === 'object' && 'ndjson' in body) {
    const items: { index: number; value: unknown }[] = [];
    const rejected: Rejection[] = [];
    const lines = (body as NdjsonBody).ndjson.split('\n');
    let index = 0;
    lines.forEach((line, i) => {
      if (line.trim() === '') return;
      try {
        items.push({ index, value: JSON.parse(line) });
      } catch (error) {
        rejected.push({
          index,
          errors: [{ path: `(line ${i + 1})`, message: `not valid JSON: ${(error as Error).message}` }],
        });
      }
      index++;
    });
    return { items, rejected };
  }
  if (Array.isArray(body)) return { items: body.map((value, index) => ({ index, value })), rejected: [] };
  if (body && typeof body === 'object') return { items: [{ index: 0, value: body }], rejected: [] };
  throw new AppError('bad_request', 'send one record object, an array of records, or NDJSON');
}
