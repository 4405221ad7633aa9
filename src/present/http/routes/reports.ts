import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { renderReportCsv } from '../../../act/reports/csv.ts';
import { renderReportHtml } from '../../../act/reports/html.ts';
import { requireWholeOrg } from '../../../app/access/scope.ts';
import type { AppContext } from '../../../app/context.ts';
import { findReport, listReportListings } from '../../../app/reports/archive.ts';
import { REPORT_KINDS, runReport } from '../../../app/reports/run.ts';
import { AppError } from '../../../domain/errors.ts';
import { fieldErrors } from '../../../normalize/usage.ts';
import { principalOf } from '../auth.ts';

type Params = { id: string };

const listQuery = z.object({
  kind: z.enum(REPORT_KINDS).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export const runBody = z
  .object({
    kind: z.enum(REPORT_KINDS),
    /** The day (daily) or a day of the ISO week (weekly); default: yesterday or the previous week. */
    date: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a day as YYYY-MM-DD')
      .optional(),
    /** Send a past report to the channels too (the latest period's report is always sent). */
    send: z.boolean().optional(),
  })
  .strict();

// why: an archived report is the whole org's numbers, written once; it cannot be cut to some teams.
const wholeOrg = (request: FastifyRequest) => requireWholeOrg(principalOf(request), 'an archived report');

function parse<T extends z.ZodType>(schema: T, raw: unknown): z.output<T> {
  const parsed = schema.safeParse(raw ?? {});
  if (parsed.success) return parsed.data;
  const errors = fieldErrors(parsed.error);
  throw new AppError('validation_failed', errors.map((e) => `${e.path}: ${e.message}`).join('; '), {
    errors,
  });
}

/**
 * `/api/v1/reports`: the archived daily summaries and weekly reports, read-only, as JSON, an HTML page
 * or CSV; `POST /api/v1/reports/run` archives (and sends) one now.
 */
export function reportRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/v1/reports', async (request) => {
    wholeOrg(request);
    const query = parse(listQuery, request.query);
    return { reports: await listReportListings(ctx, request.org, query) };
  });

  app.get<{ Params: Params }>('/api/v1/reports/:id', async (request) => {
    wholeOrg(request);
    return findReport(ctx, request.org, request.params.id);
  });

  app.get<{ Params: Params }>('/api/v1/reports/:id/html', async (request, reply) => {
    wholeOrg(request);
    const report = await findReport(ctx, request.org, request.params.id);
    return reply.type('text/html; charset=utf-8').send(renderReportHtml(report));
  });

  app.get<{ Params: Params }>('/api/v1/reports/:id/csv', async (request, reply) => {
    wholeOrg(request);
    const report = await findReport(ctx, request.org, request.params.id);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${report.id}.csv"`)
      .send(renderReportCsv(report));
  });

  app.post('/api/v1/reports/run', async (request, reply) => {
    const body = parse(runBody, request.body);
    const run = await runReport(ctx, { ...body, now: ctx.now(), org: request.org });
    return reply
      .status(run.created ? 201 : 200)
      .header('x-spendlens-report-sent', String(run.sent))
      .send(run.report);
  });
}
