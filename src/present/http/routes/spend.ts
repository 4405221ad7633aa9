import type { FastifyInstance } from 'fastify';
import type { BreakdownLine } from '../../../analyze/summary.ts';
import { scopeFilter } from '../../../app/access/scope.ts';
import { periodAnomalies } from '../../../app/analysis/anomalies.ts';
import type { AppContext } from '../../../app/context.ts';
import { querySpend } from '../../../app/spend.ts';
import { summarize } from '../../../app/summary.ts';
import { countJson } from '../../../domain/count.ts';
import { formatMicros } from '../../../domain/money.ts';
import { principalOf } from '../auth.ts';
import { amountsJson, spendLineJson } from '../format.ts';
import { parseFilter, parseGrouping } from '../query.ts';
import { anomalyJson } from './analysis-json.ts';

/** `GET /api/v1/spend` and `GET /api/v1/summary`. */
export function spendRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/v1/spend', async (request) => {
    const query = request.query as Record<string, string>;
    const { groupBy, bucket, tz } = parseGrouping(query, ctx.config.timezone);
    const filter = scopeFilter(principalOf(request), parseFilter(query, ctx.now()));
    const result = await querySpend(ctx, { ...filter, groupBy, bucket, tz });
    return {
      currency: result.currency,
      from: filter.from.toISOString(),
      to: filter.to.toISOString(),
      groupBy,
      bucket: bucket ?? null,
      tz,
      rows: result.rows.map(spendLineJson),
      totals: amountsJson(result.totals),
      warnings: result.warnings,
    };
  });

  app.get('/api/v1/summary', async (request) => {
    const query = request.query as Record<string, string>;
    const filter = scopeFilter(principalOf(request), parseFilter(query, ctx.now()));
    const [s, anomalies] = await Promise.all([summarize(ctx, filter), periodAnomalies(ctx, filter)]);
    const lines = (key: string, list: BreakdownLine[], perToken = false) =>
      list.map((l) => ({
        [key]: l.value,
        cost: formatMicros(l.costMicros),
        share: Math.round(l.share * 10_000) / 10_000,
        requests: countJson(l.requests),
        inputTokens: countJson(l.inputTokens),
        outputTokens: countJson(l.outputTokens),
        ...(perToken ? { costPerOutputToken: l.costPerOutputToken } : {}),
      }));
    return {
      currency: s.currency,
      from: s.from.toISOString(),
      to: s.to.toISOString(),
      days: s.days,
      totalCost: formatMicros(s.totalMicros),
      averageDailyCost: formatMicros(s.averageDailyMicros),
      changePercent: s.changePercent,
      byUser: lines('user', s.breakdowns.user),
      byTeam: lines('team', s.breakdowns.team),
      byProject: lines('project', s.breakdowns.project, true),
      byModel: lines('model', s.breakdowns.model),
      anomalies: anomalies.map(anomalyJson),
      warnings: s.warnings,
    };
  });
}
