import type { FastifyInstance } from 'fastify';
import { requireWholeOrg } from '../../../app/access/scope.ts';
import type { AppContext } from '../../../app/context.ts';
import { reapplyRules } from '../../../app/sources/attribution.ts';
import { deleteRule, listRules, saveRule } from '../../../app/sources/rules.ts';
import { principalOf } from '../auth.ts';

type Params = { id: string };

/**
 * `/api/v1/attribution/rules`: rules that set team, project or context (api key → project, user → team,
 * workspace → project, regex on model or tags). Saving one re-applies the rules to past records.
 */
export function attributionRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/v1/attribution/rules', async (request) => {
    // why: rules map users and keys to every team; they cannot be cut to some teams.
    requireWholeOrg(principalOf(request), 'the attribution rules');
    return { rules: await listRules(ctx, request.org) };
  });

  app.post('/api/v1/attribution/rules', async (request, reply) => {
    return reply.status(201).send(await saveRule(ctx, request.org, request.body));
  });

  app.put<{ Params: Params }>('/api/v1/attribution/rules/:id', async (request) => {
    return saveRule(ctx, request.org, { ...(request.body as object), id: request.params.id });
  });

  app.delete<{ Params: Params }>('/api/v1/attribution/rules/:id', async (request, reply) => {
    await deleteRule(ctx, request.org, request.params.id);
    return reply.status(204).send();
  });

  app.post('/api/v1/attribution/reapply', async (request) => reapplyRules(ctx, request.org));
}
