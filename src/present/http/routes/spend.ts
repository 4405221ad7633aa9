import type { FastifyInstance } from 'fastify';
import { scopeFilter } from '../../../app/access/scope.ts';
import { periodAnomalies } from '../../../app/analysis/anomalies.ts';
import type { AppContext } from '../../../app/context.ts';
import { querySpend } from '../../../app/spend.ts';
import { summarize } from '../../../app/summary.ts';
import { anomalyJson } from '../../json/analysis.ts';
import { amountsJson, spendLineJson } from '../../json/format.ts';
import { summaryJson } from '../../json/summary.ts';
import { principalOf } from '../auth.ts';
import { parseFilter, parseGrouping } from '../query.ts';
import { summaryPeriod } from './summary-period.ts';

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
    const { period: _named, ...query } = request.query as Record<string, string>;
    const parsed = parseFilter(query, ctx.now());
    const period = summaryPeriod(
      request.query as Record<string, string>,
      parsed,
      ctx.now(),
      ctx.config.timezone,
    );
    const filter = scopeFilter(principalOf(request), { ...parsed, from: period.from, to: period.to });
    const [s, anomalies] = await Promise.all([
      summarize(ctx, filter, period.previous),
      periodAnomalies(ctx, filter),
    ]);
    return { ...summaryJson(s, period), anomalies: anomalies.map(anomalyJson) };
  });
}
