import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { IncidentView } from '../../../act/alerts/incident-view.ts';
import { SEVERITIES } from '../../../analyze/severity.ts';
import { scopeFilter } from '../../../app/access/scope.ts';
import type { AppContext } from '../../../app/context.ts';
import { listIncidents, setIncidentStatus } from '../../../app/incidents.ts';
import { formatMicros } from '../../../domain/money.ts';
import { ANOMALY_STATUSES } from '../../../store/types.ts';
import { anomalyJson } from '../../json/analysis.ts';
import { principalOf } from '../auth.ts';
import { parseLimit } from '../query.ts';
import { oneOf, parse, period } from './analysis-query.ts';
import { statusRoutes } from './status-routes.ts';

const listSchema = z
  .object({
    from: z.string().optional(),
    to: z.string().optional(),
    status: z.string().optional(),
    severity: z.enum(SEVERITIES).optional(),
    limit: z.string().optional(),
  })
  .strict();

/** An incident as the API answers it: root cause, scopes touched, money at stake and its anomalies. */
export function incidentJson(i: IncidentView) {
  return {
    id: i.id,
    kind: i.kind,
    status: i.status,
    severity: i.severity,
    rootCause: {
      description: i.rootCauseText,
      facets: i.rootCause.map((f) => ({
        dimension: f.dimension,
        value: f.value,
        excess: formatMicros(f.excessMicros),
      })),
    },
    scopes: i.scopes,
    periodStart: i.periodStart.toISOString(),
    periodEnd: i.periodEnd.toISOString(),
    currency: i.currency,
    actual: formatMicros(i.actualMicros),
    expected: formatMicros(i.expectedMicros),
    excess: formatMicros(i.excessMicros),
    firstDetectedAt: i.firstDetectedAt.toISOString(),
    lastDetectedAt: i.lastDetectedAt.toISOString(),
    anomalies: i.members.map(anomalyJson),
  };
}

/** `GET /api/v1/incidents` and acknowledge, mute and reopen of a whole incident. */
export function incidentRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/v1/incidents', async (request) => {
    const query = parse(listSchema, request.query);
    const { from, to } = period(query, ctx.now());
    const list = await listIncidents(ctx, {
      ...scopeFilter(principalOf(request), {}),
      from,
      to,
      statuses: oneOf(query.status, ANOMALY_STATUSES, 'status'),
      severity: query.severity,
      limit: parseLimit(query, 100, 1000),
    });
    return list.map(incidentJson);
  });

  statusRoutes(app, ctx, '/api/v1/incidents', async (input) =>
    incidentJson(await setIncidentStatus(ctx, input)),
  );
}
