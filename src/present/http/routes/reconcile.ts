import type { FastifyInstance } from 'fastify';
import { requireWholeOrg, scopeFilter } from '../../../app/access/scope.ts';
import type { AppContext } from '../../../app/context.ts';
import { reconcileSpend } from '../../../app/reconcile.ts';
import { reconciliationJson } from '../../json/reconciliation.ts';
import { principalOf } from '../auth.ts';
import { parseFilter } from '../query.ts';

/** `GET /api/v1/reconciliation?from&to`: billed against estimated per day, provider and project. */
export function reconcileRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/v1/reconciliation', async (request) => {
    const principal = principalOf(request);
    requireWholeOrg(principal, 'the reconciliation against invoices');
    const filter = scopeFilter(principal, parseFilter(request.query as Record<string, string>, ctx.now()));
    return reconciliationJson(await reconcileSpend(ctx, filter));
  });
}
