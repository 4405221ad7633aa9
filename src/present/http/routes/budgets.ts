import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requireOwnBudgetId, scopeFilter } from '../../../app/access/scope.ts';
import { withBudgetId } from '../../../app/budgets/budget-id.ts';
import { createBudget, deleteBudget, updateBudget } from '../../../app/budgets/manage.ts';
import { budgetView, getBudgetView, listBudgetViews } from '../../../app/budgets/status.ts';
import type { AppContext } from '../../../app/context.ts';
import { principalOf } from '../auth.ts';

type Params = { id: string };

// why: only what the id rule needs; createBudget checks the whole definition.
const teamBudgetId = z.object({
  id: z.string(),
  scope: z.object({ dimension: z.literal('team'), value: z.string() }),
});

/**
 * `/api/v1/budgets`: budgets with their live status (spent, percent, projected, state, when it resets).
 * Budgets from spendlens.toml are listed with origin `config` and are read-only here. A caller limited
 * to some teams sees and manages only the budgets of those teams (see src/app/access/scope.ts). A budget
 * created with a name and no id gets its id from the name.
 */
export function budgetRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/v1/budgets', async (request) => {
    const { org, visibility } = scopeFilter(principalOf(request), {});
    return { budgets: await listBudgetViews(ctx, org, ctx.now(), visibility) };
  });

  app.get<{ Params: Params }>('/api/v1/budgets/:id', async (request) => {
    const { org, visibility } = scopeFilter(principalOf(request), {});
    return getBudgetView(ctx, org, request.params.id, ctx.now(), visibility);
  });

  app.post('/api/v1/budgets', async (request, reply) => {
    const by = principalOf(request);
    const body = await withBudgetId(ctx, request.org, request.body);
    const named = teamBudgetId.safeParse(body);
    if (named.success) requireOwnBudgetId(by, named.data.id, named.data.scope.value);
    const budget = await createBudget(ctx, by, body);
    return reply.status(201).send(await budgetView(ctx, request.org, budget, ctx.now()));
  });

  app.put<{ Params: Params }>('/api/v1/budgets/:id', async (request) => {
    const budget = await updateBudget(ctx, principalOf(request), request.params.id, request.body);
    return budgetView(ctx, request.org, budget, ctx.now());
  });

  app.delete<{ Params: Params }>('/api/v1/budgets/:id', async (request, reply) => {
    await deleteBudget(ctx, principalOf(request), request.params.id);
    return reply.status(204).send();
  });
}
