import type { FastifyInstance } from 'fastify';
import { scopeFilter } from '../../../app/access/scope.ts';
import type { AppContext } from '../../../app/context.ts';
import { type Converter, createConverter } from '../../../app/currency.ts';
import { AppError } from '../../../domain/errors.ts';
import { formatMicros } from '../../../domain/money.ts';
import type { UsageRecord } from '../../../domain/record.ts';
import { DAY_MS, HOUR_MS, parseInstantOrDate } from '../../../lib/time.ts';
import type { UsageFilter } from '../../../store/types.ts';
import { principalOf } from '../auth.ts';
import { parseLimit } from '../query.ts';

const MAX_OFFSET = 100_000;
const SKIP_PAGE = 5_000;

type Query = Record<string, string | undefined>;

/**
 * `GET /v1/transactions?date_from&date_to&limit&offset`: the ledger as a cost tracker's transaction feed,
 * newest first. `cost_<currency>` is in the reporting currency (null when unpriced or without a rate);
 * `service` is the provider; `tokens_in` counts every prompt token, cache reads and writes included.
 */
export function transactionRoutes(app: FastifyInstance, ctx: AppContext): void {
  const converter = createConverter(ctx.config);
  const costKey = `cost_${converter.currency.toLowerCase()}`;
  app.get('/v1/transactions', async (request) => {
    const query = request.query as Query;
    const filter = scopeFilter(principalOf(request), period(query, ctx.now()));
    const limit = parseLimit(query, 100, 1000);
    const offset = readOffset(query);
    const records = await page(ctx, filter, offset, limit);
    return { transactions: records.map((r) => transaction(r, converter, costKey)) };
  });
}

/** `date_from` (default: 30 days before `date_to`) and `date_to` (default: now); a date `date_to` includes its day. */
function period(query: Query, now: Date): { from: Date; to: Date } {
  const read = (key: string, endOfDay: boolean): Date | undefined => {
    const raw = query[key];
    if (raw === undefined || raw === '') return undefined;
    const parsed = parseInstantOrDate(raw);
    if (typeof parsed === 'string') throw invalid(key, parsed);
    const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(raw);
    return endOfDay && dateOnly ? new Date(parsed.getTime() + DAY_MS) : parsed;
  };
  const to = read('date_to', true) ?? new Date(Math.ceil(now.getTime() / HOUR_MS) * HOUR_MS);
  const from = read('date_from', false) ?? new Date(to.getTime() - 30 * DAY_MS);
  if (from >= to) throw invalid('date_from', 'must be before date_to');
  return { from, to };
}

function readOffset(query: Query): number {
  const raw = query.offset ?? '0';
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n > MAX_OFFSET)
    throw invalid('offset', `must be a whole number from 0 to ${MAX_OFFSET}`);
  return n;
}

/** Skips `offset` records by walking the store's cursor, then reads one page. */
async function page(ctx: AppContext, filter: UsageFilter, offset: number, limit: number) {
  let cursor: string | null = null;
  let skip = offset;
  while (skip > 0) {
    const chunk = await ctx.usage.listUsage({ ...filter, limit: Math.min(skip, SKIP_PAGE), cursor });
    skip -= chunk.records.length;
    cursor = chunk.nextCursor;
    if (!cursor) return [];
  }
  return (await ctx.usage.listUsage({ ...filter, limit, cursor })).records;
}

function transaction(r: UsageRecord, converter: Converter, costKey: string) {
  const converted = r.costMicros === null ? null : converter.convert(BigInt(r.costMicros), r.currency);
  return {
    id: r.id,
    timestamp: r.timestamp.toISOString(),
    service: r.provider,
    model: r.model,
    [costKey]: converted === null ? null : Number(formatMicros(converted)),
    tokens_in: r.inputTokens + r.cacheReadTokens + r.cacheWriteTokens,
    tokens_out: r.outputTokens,
    user_id: r.user,
    project_id: r.project,
  };
}

function invalid(path: string, message: string): AppError {
  return new AppError('validation_failed', `${path}: ${message}`, { errors: [{ path, message }] });
}
