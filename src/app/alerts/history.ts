import { z } from 'zod';
import type { AlertFact } from '../../act/alerts/event.ts';
import { AppError } from '../../domain/errors.ts';
import type { AlertDelivery, StoredAlert } from '../../store/types.ts';
import type { AppContext } from '../context.ts';

/** An alert as `GET /api/v1/alerts`, the CLI and the dashboard show it, with each channel's delivery. */
export interface AlertView {
  id: string;
  event: string;
  severity: string;
  title: string;
  text: string;
  scope: { dimension: string; value: string } | null;
  budgetId: string | null;
  /** The dashboard path of the view the alert is about. */
  link: string;
  facts: AlertFact[];
  createdAt: string;
  deliveries: AlertDelivery[];
}

/** What an alert stores besides its columns (`payload`): the message the channels rendered. */
const alertPayloadSchema = z.object({
  text: z.string().catch(''),
  facts: z.array(z.object({ label: z.string(), value: z.string() })).catch([]),
  link: z.string().catch('/alerts'),
  data: z.record(z.string(), z.unknown()).optional().catch(undefined),
});

export async function listAlertHistory(
  ctx: AppContext,
  org: string,
  query: { limit: number; events?: string[] },
): Promise<AlertView[]> {
  const rows = await ctx.store.listAlerts({ org, limit: query.limit, events: query.events });
  return rows.map(toAlertView);
}

export async function getAlertView(ctx: AppContext, org: string, id: string): Promise<AlertView> {
  const row = await ctx.store.getAlert(org, id);
  if (!row) throw new AppError('not_found', `no alert "${id}"`);
  return toAlertView(row);
}

function toAlertView(a: StoredAlert): AlertView {
  const payload = alertPayloadSchema.parse(a.payload);
  return {
    id: a.id,
    event: a.event,
    severity: a.severity,
    title: a.title,
    text: payload.text,
    scope: a.scopeDimension && a.scopeValue ? { dimension: a.scopeDimension, value: a.scopeValue } : null,
    budgetId: a.budgetId,
    link: payload.link,
    facts: payload.facts,
    createdAt: a.createdAt.toISOString(),
    deliveries: a.deliveries,
  };
}
