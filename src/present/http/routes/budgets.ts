import type { FastifyInstance } from 'fastify';
import { createBudget, deleteBudget, updateBudget } from '../../../app/budgets/manage.ts';
import { budgetView, getBudgetView, listBudgetViews } from '../../../app/budgets/status.ts';
import type { AppContext } from '../../../app/context.ts';

type Params = { id: string };

/**
 * `/api/v1/budgets`: budgets with their live status (spent, percent, projected, state, when it resets).
 * Budgets from spendlens.toml are listed with origin `config` and are read-only here.
 */
export function budgetRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/v1/budgets', async (request) => ({
    budgets: await listBudgetViews(ctx, request.org, ctx.now()),
  }));

  app.get<{ Params: Params }>('/api/v1/budgets/:id', async (request) =>
    getBudgetView(ctx, request.org, request.params.id, ctx.now()),
  );

  app.post('/api/v1/budgets', async (request, reply) => {
    const budget = await createBudget(ctx, request.org, request.body, request.actor);
    return reply.status(201).send(await budgetView(ctx, request.org, budget, ctx.now()));
  });

  app.put<{ Params: Params }>('/api/v1/budgets/:id', async (request) => {
    const budget = await updateBudget(ctx, request.org, request.params.id, request.body, request.actor);
    return budgetView(ctx, request.org, budget, ctx.now());
  });

  app.delete<{ Params: Params }>('/api/v1/budgets/:id', async (request, reply) => {
    await deleteBudget(ctx, request.org, request.params.id, request.actor);
    return reply.status(204).send();
  });
}
