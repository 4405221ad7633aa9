import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { SCOPE_DIMENSIONS } from '../../../analyze/anomaly.ts';
import { SEVERITIES } from '../../../analyze/severity.ts';
import { scopeFilter } from '../../../app/access/scope.ts';
import { listAnomalies, setAnomalyStatus } from '../../../app/analysis/anomalies.ts';
import { scopeBands } from '../../../app/analysis/bands.ts';
import { forecastSpend } from '../../../app/analysis/forecast.ts';
import type { AppContext } from '../../../app/context.ts';
import { DAY_MS } from '../../../lib/time.ts';
import { ANOMALY_STATUSES } from '../../../store/types.ts';
import { anomalyJson, forecastJson, money } from '../../json/analysis.ts';
import { principalOf } from '../auth.ts';
import { NONE, parseFilter, parseLimit } from '../query.ts';
import { invalid, oneOf, parse, parseBudget, period } from './analysis-query.ts';
import { statusRoutes } from './status-routes.ts';

type Query = Record<string, string | undefined>;

/** The longest period `GET /api/v1/baseline` draws. */
const MAX_BAND_DAYS = 400;

const listSchema = z
  .object({
    from: z.string().optional(),
    to: z.string().optional(),
    status: z.string().optional(),
    kind: z.string().optional(),
    severity: z.enum(SEVERITIES).optional(),
    dimension: z.enum(['org', ...SCOPE_DIMENSIONS]).optional(),
    limit: z.string().optional(),
  })
  .strict();

/** `GET /api/v1/anomalies`, acknowledge, mute and reopen, `GET /api/v1/forecast` and `GET /api/v1/baseline`. */
export function analysisRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/v1/anomalies', async (request) => {
    const query = parse(listSchema, request.query);
    const { from, to } = period(query, ctx.now());
    const list = await listAnomalies(ctx, {
      ...scopeFilter(principalOf(request), {}),
      from,
      to,
      statuses: oneOf(query.status, ANOMALY_STATUSES, 'status'),
      kinds: oneOf(query.kind, ['daily', 'intraday'], 'kind'),
      severity: query.severity,
      dimension: query.dimension,
      limit: parseLimit(query, 200, 1000),
    });
    return list.map(anomalyJson);
  });

  statusRoutes(app, ctx, '/api/v1/anomalies', async (input) =>
    anomalyJson(await setAnomalyStatus(ctx, input)),
  );

  app.get('/api/v1/forecast', async (request) => {
    const { budget: rawBudget, ...rest } = request.query as Query;
    const filter = scopeFilter(principalOf(request), parseFilter(rest, ctx.now()));
    const budget = rawBudget === undefined ? undefined : parseBudget(rawBudget);
    const f = await forecastSpend(ctx, { org: filter.org, filter, budget });
    return forecastJson(f, budget);
  });

  app.get('/api/v1/baseline', async (request) => {
    const { dimension = 'org', value, ...rest } = request.query as Query;
    if (dimension !== 'org' && !(SCOPE_DIMENSIONS as readonly string[]).includes(dimension)) {
      throw invalid('dimension', `must be org or one of ${SCOPE_DIMENSIONS.join(', ')}`);
    }
    const { from, to } = period(rest, ctx.now());
    // why: each day of the band is a baseline of its own; a period of centuries would hold the server for minutes.
    if (to.getTime() - from.getTime() > MAX_BAND_DAYS * DAY_MS) {
      throw invalid('from', `at most ${MAX_BAND_DAYS} days before to`);
    }
    const scope = {
      dimension: dimension as 'org',
      value: value === undefined || value === NONE ? null : value,
    };
    const day = (d: Date) => d.toISOString().slice(0, 10);
    const bands = await scopeBands(ctx, {
      ...scopeFilter(principalOf(request), {}),
      scope,
      from: day(from),
      to: day(new Date(to.getTime() + DAY_MS - 1)),
    });
    return {
      currency: bands.currency,
      scope,
      days: bands.days.map((d) => ({
        ...d,
        actual: money(d.actual),
        expected: money(d.expected),
        lower: money(d.lower),
        upper: money(d.upper),
      })),
    };
  });
}
