import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../../app/context.ts';
import type { Principal } from '../../../domain/access.ts';
import { DAY_MS } from '../../../lib/time.ts';
import type { AnomalyStatus } from '../../../store/types.ts';
import { principalOf } from '../auth.ts';
import { instant, parse } from './analysis-query.ts';

export const muteSchema = z
  .object({ until: z.string().optional(), days: z.number().positive().max(366).optional() })
  .strict()
  .optional();

type Change = (input: {
  by: Principal;
  id: string;
  status: AnomalyStatus;
  mutedUntil?: Date;
}) => Promise<unknown>;

/**
 * `POST <base>/:id/acknowledge|mute|reopen`, for anomalies and incidents alike: a mute lasts until
 * `until` or for `days` (the use case's default otherwise); the answer is the changed item.
 */
export function statusRoutes(app: FastifyInstance, ctx: AppContext, base: string, change: Change): void {
  const route = (path: string, to: AnomalyStatus) =>
    app.post<{ Params: { id: string } }>(`${base}/:id/${path}`, async (request) => {
      const body = to === 'muted' ? parse(muteSchema, request.body ?? undefined) : undefined;
      const until = body?.until ? instant(body.until, 'until') : undefined;
      const days = body?.days ? new Date(ctx.now().getTime() + body.days * DAY_MS) : undefined;
      return change({
        by: principalOf(request),
        id: request.params.id,
        status: to,
        mutedUntil: until ?? days,
      });
    });
  route('acknowledge', 'acknowledged');
  route('mute', 'muted');
  route('reopen', 'open');
}
