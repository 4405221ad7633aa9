import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../app/context.ts';

/** `GET /healthz`: liveness and whether the store answers. */
export function healthRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/healthz', async (_request, reply) => {
    try {
      await ctx.store.ping();
      return { status: 'ok', store: ctx.store.engine };
    } catch (error) {
      return reply.status(503).send({ status: 'unavailable', store: ctx.store.engine, error: String(error) });
    }
  });
}
