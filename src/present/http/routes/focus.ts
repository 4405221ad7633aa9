import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { scopeFilter } from '../../../app/access/scope.ts';
import type { AppContext } from '../../../app/context.ts';
import { exportFocus } from '../../../app/export.ts';
import { principalOf } from '../auth.ts';
import { parseFilter } from '../query.ts';

/** `GET /api/v1/export/focus?from&to`: the ledger as a FOCUS CSV download. */
export function focusRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/v1/export/focus', async (request, reply) => {
    const filter = scopeFilter(
      principalOf(request),
      parseFilter(request.query as Record<string, string>, ctx.now()),
    );
    // why: the first page is read before the 200 goes out, so a query that fails answers with its error
    // instead of a download cut short after the header.
    const chunks = exportFocus(ctx, filter);
    const first = [await chunks.next(), await chunks.next()].flatMap((c) => (c.done ? [] : [c.value]));
    const name = `spendlens-focus-${filter.from.toISOString().slice(0, 10)}-${filter.to.toISOString().slice(0, 10)}.csv`;
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${name}"`)
      .send(Readable.from(primed(first, chunks)));
  });
}

async function* primed(first: string[], rest: AsyncGenerator<string>): AsyncGenerator<string> {
  yield* first;
  yield* rest;
}
