import type { FastifyInstance } from 'fastify';
import { requireWholeOrg } from '../../../app/access/scope.ts';
import type { AppContext } from '../../../app/context.ts';
import { createSource, deleteSource, findSource, updateSource } from '../../../app/sources/manage.ts';
import { sourceRunner } from '../../../app/sources/runner.ts';
import { listSourceStatus, sourceStatus } from '../../../app/sources/status.ts';
import { principalOf } from '../auth.ts';

type Params = { id: string };

/**
 * `/api/v1/sources`: pull sources with their health (last success, last error, lag, records ingested),
 * created and changed with a write-only key (answers show only a masked hint), and synced on demand.
 */
export function sourceRoutes(app: FastifyInstance, ctx: AppContext): void {
  const runner = () => sourceRunner(ctx);

  app.get('/api/v1/sources', async (request) => {
    requireWholeOrg(principalOf(request), 'the sources list');
    await runner().ready(request.org);
    return { sources: await listSourceStatus(ctx, request.org) };
  });

  app.post('/api/v1/sources', async (request, reply) => {
    await runner().ready(request.org);
    const row = await createSource(ctx, request.org, request.body);
    return reply.status(201).send(await sourceStatus(ctx, row));
  });

  app.get<{ Params: Params }>('/api/v1/sources/:id', async (request) => {
    requireWholeOrg(principalOf(request), 'a source');
    await runner().ready(request.org);
    return sourceStatus(ctx, await findSource(ctx, request.org, request.params.id));
  });

  app.put<{ Params: Params }>('/api/v1/sources/:id', async (request) => {
    const row = await updateSource(ctx, request.org, request.params.id, request.body);
    return sourceStatus(ctx, row);
  });

  app.delete<{ Params: Params }>('/api/v1/sources/:id', async (request, reply) => {
    await deleteSource(ctx, request.org, request.params.id);
    return reply.status(204).send();
  });

  app.post<{ Params: Params }>('/api/v1/sources/:id/sync', async (request) => {
    const outcome = await runner().syncOne(request.org, request.params.id);
    const status = await sourceStatus(ctx, await findSource(ctx, request.org, request.params.id));
    return { ...outcome, source: status };
  });
}
