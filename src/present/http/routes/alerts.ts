import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { scopeFilter } from '../../../app/access/scope.ts';
import {
  createChannel,
  deleteChannel,
  findManagedChannel,
  getChannel,
  listChannels,
  updateChannel,
} from '../../../app/alerts/channels.ts';
import { getAlertView, listAlertHistory } from '../../../app/alerts/history.ts';
import { sendTestAlert } from '../../../app/alerts/test.ts';
import type { AppContext } from '../../../app/context.ts';
import { ALERT_EVENTS } from '../../../config/alerting.ts';
import { AppError } from '../../../domain/errors.ts';
import { fieldErrors } from '../../../normalize/usage.ts';
import { principalOf } from '../auth.ts';

type Params = { id: string };

const historyQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  event: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((e) => e.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(ALERT_EVENTS)))
    .optional(),
});

/**
 * `/api/v1/alerts`: the history of raised alerts with each channel's delivery; `/api/v1/channels`:
 * where alerts go, with write-only URLs and secrets (answers carry hints), and a test message on demand.
 */
export function alertRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/v1/alerts', async (request) => {
    const parsed = historyQuery.safeParse(request.query);
    if (!parsed.success) {
      const errors = fieldErrors(parsed.error);
      throw new AppError('bad_request', errors.map((e) => `${e.path}: ${e.message}`).join('; '), { errors });
    }
    const { limit, event } = parsed.data;
    const { org, visibility } = scopeFilter(principalOf(request), {});
    return { alerts: await listAlertHistory(ctx, org, { limit, events: event, visibility }) };
  });

  app.get<{ Params: Params }>('/api/v1/alerts/:id', async (request) => {
    const { org, visibility } = scopeFilter(principalOf(request), {});
    return getAlertView(ctx, org, request.params.id, visibility);
  });

  app.get('/api/v1/channels', async (request) => {
    const { org, visibility } = scopeFilter(principalOf(request), {});
    return { channels: await listChannels(ctx, org, visibility) };
  });

  app.post('/api/v1/channels', async (request, reply) => {
    const created = await createChannel(ctx, principalOf(request), request.body);
    return reply.status(201).send(created);
  });

  app.get<{ Params: Params }>('/api/v1/channels/:id', async (request) => {
    const { org, visibility } = scopeFilter(principalOf(request), {});
    return getChannel(ctx, org, request.params.id, visibility);
  });

  app.put<{ Params: Params }>('/api/v1/channels/:id', async (request) =>
    updateChannel(ctx, principalOf(request), request.params.id, request.body),
  );

  app.delete<{ Params: Params }>('/api/v1/channels/:id', async (request, reply) => {
    await deleteChannel(ctx, principalOf(request), request.params.id);
    return reply.status(204).send();
  });

  app.post<{ Params: Params }>('/api/v1/channels/:id/test', async (request) => {
    await findManagedChannel(ctx, principalOf(request), request.params.id);
    return sendTestAlert(ctx, request.org, request.params.id);
  });
}
