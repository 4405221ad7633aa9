import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { scopeFilter } from '../../../app/access/scope.ts';
import { analyseSpend, type SpendAnalysis, type SpendItem } from '../../../app/analysis/analyse-spend.ts';
import { findJob, startJob } from '../../../app/analysis/jobs.ts';
import type { AnalysisBaseline } from '../../../app/analysis/ledger-history.ts';
import type { AppContext } from '../../../app/context.ts';
import { type Converter, createConverter } from '../../../app/currency.ts';
import { countJson } from '../../../domain/count.ts';
import { AppError } from '../../../domain/errors.ts';
import { MAX_RECORD_COST_MICROS, MAX_RECORD_COUNT } from '../../../domain/limits.ts';
import { decimalToScaled, formatMicros } from '../../../domain/money.ts';
import { DAY_MS, parseInstantOrDate } from '../../../lib/time.ts';
import { principalOf } from '../auth.ts';
import { parse } from './analysis-query.ts';

const count = z.number().int().nonnegative().max(MAX_RECORD_COUNT).nullish();
const transactionSchema = z
  .object({
    id: z.union([z.string(), z.number()]).nullish(),
    timestamp: z.string(),
    service: z.string().nullish(),
    model: z.string().nullish(),
    tokens_in: count,
    tokens_out: count,
    user_id: z.string().nullish(),
    project_id: z.string().nullish(),
  })
  .catchall(z.unknown());

const day = z.string();
export const bodySchema = z.object({
  organization_id: z.string().optional(),
  organisation_id: z.string().optional(),
  org_id: z.string().optional(),
  period: z.union([z.object({ start: day, end: day }), z.string()]).optional(),
  period_start: day.optional(),
  period_end: day.optional(),
  date_from: day.optional(),
  date_to: day.optional(),
  transactions: z.array(transactionSchema).optional(),
});

type Body = z.infer<typeof bodySchema>;

/** The longest span an analysis covers, transactions before the period included. */
const MAX_DAYS = 800;

/**
 * The analysis service's two calls: `POST /v1/analyse-spend` answers `{job_id, status: "processing"}` at
 * once; `GET /v1/jobs/:id/results` answers the finished analysis in its snake_case shape. The token picks
 * the tenant; an organisation id in the body is accepted and otherwise ignored.
 */
export function analyseCompatRoutes(app: FastifyInstance, ctx: AppContext): void {
  const converter = createConverter(ctx.config);
  app.post('/v1/analyse-spend', async (request, reply) => {
    const body = parse(bodySchema, request.body ?? {});
    const items = body.transactions ? body.transactions.map((t, i) => item(t, i, converter)) : null;
    const { from, to } = period(body, items, ctx.now());
    const principal = principalOf(request);
    const scoped = scopeFilter(principal, { from, to });
    const job = startJob(ctx, principal, () => analyseSpend(ctx, { ...scoped, items }));
    return reply.status(202).send({ job_id: job.id, status: job.status });
  });

  app.get<{ Params: { id: string } }>('/v1/jobs/:id/results', async (request) => {
    const job = findJob<SpendAnalysis>(ctx, principalOf(request), request.params.id);
    if (!job) throw new AppError('not_found', `no job ${request.params.id}`);
    if (job.status === 'failed') return { job_id: job.id, status: job.status, error: job.error };
    if (job.status === 'processing' || !job.result) return { job_id: job.id, status: job.status };
    return { job_id: job.id, status: job.status, ...resultJson(job.result) };
  });
}

function resultJson(r: SpendAnalysis) {
  const amount = (micros: bigint) => Number(formatMicros(micros));
  const share = (s: number) => Math.round(s * 10_000) / 100;
  return {
    currency: r.currency,
    period: { start: r.from.toISOString(), end: r.to.toISOString() },
    summary: {
      total_spend: amount(r.figures.totalMicros),
      average_daily_spend: amount(r.figures.averageDailyMicros),
      spend_change_percent: r.figures.changePercent,
    },
    by_user: r.byUser.map((l) => ({
      user_id: l.value,
      total_spend: amount(l.costMicros),
      share_percent: share(l.share),
      transactions: countJson(l.requests),
      tokens_in: countJson(l.inputTokens),
      tokens_out: countJson(l.outputTokens),
    })),
    by_project: r.byProject.map((l) => ({
      project_id: l.value,
      total_spend: amount(l.costMicros),
      share_percent: share(l.share),
      transactions: countJson(l.requests),
      tokens_out: countJson(l.outputTokens),
      cost_per_token_out: l.costPerOutputToken,
    })),
    anomalies: r.anomalies,
    ...(r.baseline ? { baseline: baselineJson(r.baseline) } : {}),
  };
}

/** Which baseline judged posted transactions: `ledger` (the ledger's days before them) or `transactions`. */
function baselineJson(b: AnalysisBaseline) {
  return {
    source: b.source,
    history: { start: b.history.from.toISOString(), end: b.history.to.toISOString() },
    previous_period: { start: b.previousPeriod.from.toISOString(), end: b.previousPeriod.to.toISOString() },
    ledger_until: b.ledgerUntil?.toISOString() ?? null,
  };
}

/** A feed transaction as an item: `cost_<currency>` (or `cost`) converted to the reporting currency. */
function item(t: z.infer<typeof transactionSchema>, index: number, converter: Converter): SpendItem {
  const at = parseInstantOrDate(t.timestamp);
  if (typeof at === 'string') throw invalid(`transactions.${index}.timestamp`, at);
  const costKey = Object.keys(t).find((k) => /^cost(_[a-z]{3})?$/i.test(k));
  const raw = costKey ? t[costKey] : null;
  const micros = raw === null || raw === undefined ? 0n : decimalToScaled(String(raw), 6);
  if (micros === null || micros > BigInt(MAX_RECORD_COST_MICROS) || micros < -BigInt(MAX_RECORD_COST_MICROS))
    throw invalid(`transactions.${index}.${costKey}`, 'must be a decimal amount within ±1000000000');
  const currency = costKey && costKey.length > 4 ? costKey.slice(5).toUpperCase() : converter.currency;
  const converted = converter.convert(micros, currency);
  if (converted === null)
    throw invalid(`transactions.${index}.${costKey}`, `no exchange rate for ${currency}`);
  return {
    timestamp: at,
    costMicros: converted,
    user: t.user_id ?? null,
    project: t.project_id ?? null,
    model: t.model ?? null,
    tokensIn: t.tokens_in ?? 0,
    tokensOut: t.tokens_out ?? 0,
  };
}

/** The period: `period` ({start, end} or "start/end"), `period_start`/`period_end` or `date_from`/`date_to`; dates include their whole day. Else the days the transactions cover, or the last 30 days. */
function period(body: Body, items: SpendItem[] | null, now: Date): { from: Date; to: Date } {
  const pair =
    typeof body.period === 'string' ? body.period.split('/') : [body.period?.start, body.period?.end];
  const start = pair[0] ?? body.period_start ?? body.date_from;
  const end = pair[1] ?? body.period_end ?? body.date_to;
  // why: a reduce, not Math.min(...times): a spread of a large batch overflows the stack.
  const times = (items ?? []).map((i) => i.timestamp.getTime());
  const latest = times.reduce((a, b) => Math.max(a, b), Number.NEGATIVE_INFINITY);
  const earliest = times.reduce((a, b) => Math.min(a, b), Number.POSITIVE_INFINITY);
  const to = end
    ? bound(end, 'period.end', true)
    : new Date(times.length ? Math.floor(latest / DAY_MS + 1) * DAY_MS : now.getTime());
  const from = start
    ? bound(start, 'period.start', false)
    : new Date(times.length ? Math.floor(earliest / DAY_MS) * DAY_MS : to.getTime() - 30 * DAY_MS);
  if (from >= to) throw invalid('period.start', 'must be before the end');
  // why: the analysis walks every day from the earliest transaction; centuries would hold the server.
  if (to.getTime() - Math.min(from.getTime(), earliest) > MAX_DAYS * DAY_MS) {
    throw invalid('period.start', `the period and its transactions span at most ${MAX_DAYS} days`);
  }
  return { from, to };
}

function bound(raw: string, path: string, end: boolean): Date {
  const parsed = parseInstantOrDate(raw.trim());
  if (typeof parsed === 'string') throw invalid(path, parsed);
  return end && /^\d{4}-\d{2}-\d{2}$/.test(raw.trim()) ? new Date(parsed.getTime() + DAY_MS) : parsed;
}

function invalid(path: string, message: string): AppError {
  return new AppError('validation_failed', `${path}: ${message}`, { errors: [{ path, message }] });
}
