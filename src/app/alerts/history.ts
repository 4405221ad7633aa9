import { z } from 'zod';
import type { AlertFact } from '../../act/alerts/event.ts';
import { AppError } from '../../domain/errors.ts';
import type { AlertDelivery, StoredAlert, Visibility } from '../../store/types.ts';
import { scopeVisible } from '../access/scope.ts';
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

/** The org's alerts, newest first; with a visibility, only those about a scope it sees. */
export async function listAlertHistory(
  ctx: AppContext,
  org: string,
  query: { limit: number; events?: string[]; visibility?: Visibility },
): Promise<AlertView[]> {
  // why: a limited reader's alerts are a subset; read further back so a page still fills up.
  const limit = query.visibility ? Math.max(query.limit, 5_000) : query.limit;
  const rows = await ctx.alerting.listAlerts({ org, limit, events: query.events });
  return rows
    .filter((a) => visible(query.visibility, a))
    .slice(0, query.limit)
    .map(toAlertView);
}

export async function getAlertView(
  ctx: AppContext,
  org: string,
  id: string,
  visibility?: Visibility,
): Promise<AlertView> {
  const row = await ctx.alerting.getAlert(org, id);
  if (!row || !visible(visibility, row)) throw new AppError('not_found', `no alert "${id}"`);
  return toAlertView(row);
}

function visible(visibility: Visibility | undefined, a: StoredAlert): boolean {
  const scope = a.scopeDimension ? { dimension: a.scopeDimension, value: a.scopeValue } : null;
  return scopeVisible(visibility, scope);
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
