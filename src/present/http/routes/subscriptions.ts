import type { FastifyInstance } from 'fastify';
import { visibilityOf } from '../../../app/access/scope.ts';
import type { AppContext } from '../../../app/context.ts';
import {
  createSubscription,
  deleteSubscription,
  type Subscription,
  updateSubscription,
} from '../../../app/subscriptions/manage.ts';
import { readDirectory } from '../../../app/subscriptions/records.ts';
import { spreadSubscriptions } from '../../../app/subscriptions/spread.ts';
import { listSubscriptionViews, subscriptionView } from '../../../app/subscriptions/view.ts';
import { AppError } from '../../../domain/errors.ts';
import { principalOf } from '../auth.ts';

type Params = { id: string };

/**
 * `/api/v1/subscriptions`: seats and fixed monthly fees (Cursor, Copilot, Claude, ChatGPT seats) of a
 * person or a team. Every change spreads the fees into the ledger at once, one record per day (source
 * "subscriptions", service "seat"), and answers what that wrote and removed. Reading needs `read` and
 * shows the subscriptions of the teams and people the caller sees; changing them needs `admin`.
 * Subscriptions from spendlens.toml are listed with origin `config` and are read-only here.
 */
export function subscriptionRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/v1/subscriptions', async (request) => {
    const by = principalOf(request);
    return { subscriptions: await listSubscriptionViews(ctx, by.org, visibilityOf(by)) };
  });

  app.get<{ Params: Params }>('/api/v1/subscriptions/:id', async (request) => {
    const by = principalOf(request);
    const found = (await listSubscriptionViews(ctx, by.org, visibilityOf(by))).find(
      (s) => s.id === request.params.id,
    );
    if (!found) throw new AppError('not_found', `no subscription "${request.params.id}"`);
    return found;
  });

  app.post('/api/v1/subscriptions', async (request, reply) => {
    const by = principalOf(request);
    const created = await createSubscription(ctx, by, request.body);
    return reply.status(201).send(await withSpread(ctx, created));
  });

  app.put<{ Params: Params }>('/api/v1/subscriptions/:id', async (request) => {
    const updated = await updateSubscription(ctx, principalOf(request), request.params.id, request.body);
    return withSpread(ctx, updated);
  });

  app.delete<{ Params: Params }>('/api/v1/subscriptions/:id', async (request, reply) => {
    const by = principalOf(request);
    await deleteSubscription(ctx, by, request.params.id);
    await spreadSubscriptions(ctx, by.org, ctx.now(), request.params.id);
    return reply.status(204).send();
  });
}

/** The subscription's view after its days were spread into the ledger, with what the spread changed. */
async function withSpread(ctx: AppContext, s: Subscription) {
  const spread = await spreadSubscriptions(ctx, s.row.org, ctx.now(), s.row.id);
  return { ...subscriptionView(ctx, s, await readDirectory(ctx, s.row.org)), spread };
}
