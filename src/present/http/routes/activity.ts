import type { FastifyInstance } from 'fastify';
import { scopeFilter } from '../../../app/access/scope.ts';
import type { AppContext } from '../../../app/context.ts';
import { addActivities, listActivities } from '../../../app/sources/activities.ts';
import { principalOf } from '../auth.ts';
import { parseFilter } from '../query.ts';

/**
 * `POST /api/v1/activity`: one activity `{id?, user, context, project?, team?, start, end}` or an array,
 * joined at once to the user's records in its window; `GET /api/v1/activity?from&to` lists them.
 */
export function activityRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.post('/api/v1/activity', async (request) => {
    const items = Array.isArray(request.body) ? request.body : [request.body];
    return addActivities(ctx, { org: request.org, source: 'api', items });
  });

  app.get('/api/v1/activity', async (request) => {
    const { from, to } = parseFilter(request.query as Record<string, string>, ctx.now(), 7);
    return { activities: await listActivities(ctx, scopeFilter(principalOf(request), { from, to })) };
  });
}
