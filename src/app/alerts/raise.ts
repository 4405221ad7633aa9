import { randomUUID } from 'node:crypto';
import { deliver } from '../../act/alerts/deliver.ts';
import type { AlertEvent } from '../../act/alerts/event.ts';
import { routeEvent } from '../../act/alerts/route.ts';
import type { AlertDelivery, StoredAlert } from '../../store/types.ts';
import type { AppContext } from '../context.ts';
import { alertDeps } from './deps.ts';
import { type ChannelRow, channelRows, dashboardLink, openChannel } from './runtime.ts';

/**
 * Stores an alert once by its dedupe key and delivers it to the channels routed to it. Answers null
 * when the key had already alerted (nothing is sent again). Channels are sent to concurrently, each
 * retried on its own, so one failing never holds up the others; every attempt is recorded.
 */
export async function raiseAlert(
  ctx: AppContext,
  event: AlertEvent,
  options: { org?: string } = {},
): Promise<StoredAlert | null> {
  const org = options.org ?? ctx.config.org;
  const routed = routeEvent(event, await channelRows(ctx, org));
  const alert: StoredAlert = {
    org,
    id: randomUUID(),
    dedupeKey: event.dedupeKey,
    event: event.kind,
    severity: event.severity,
    scopeDimension: event.scope?.dimension ?? null,
    scopeValue: event.scope?.value ?? null,
    budgetId: event.budgetId ?? null,
    title: event.title,
    payload: {
      text: event.text,
      facts: event.facts,
      link: event.link,
      ...(event.data ? { data: event.data } : {}),
    },
    deliveries: routed.map((c) => ({
      channel: c.row.id,
      status: 'pending',
      attempts: 0,
      lastAttemptAt: null,
      error: null,
    })),
    createdAt: ctx.now(),
  };
  if (!(await ctx.alerting.insertAlert(alert))) return null;
  return { ...alert, deliveries: await deliverAll(ctx, alert, event, routed) };
}

async function deliverAll(
  ctx: AppContext,
  alert: StoredAlert,
  event: AlertEvent,
  routed: ChannelRow[],
): Promise<AlertDelivery[]> {
  const deps = alertDeps(ctx);
  const current = [...alert.deliveries];
  // why: each write stores the whole list, so writes go one after another, each with the latest state.
  let writes = Promise.resolve();
  const record = (i: number, d: AlertDelivery) => {
    current[i] = d;
    writes = writes
      .then(() => ctx.alerting.updateAlertDeliveries(alert.org, alert.id, [...current]))
      .catch((error) => deps.log(`alert ${alert.id}: recording deliveries failed: ${String(error)}`));
    return writes;
  };
  const outgoing = { id: alert.id, createdAt: alert.createdAt, link: dashboardLink(ctx.config, event.link) };
  const policy = {
    maxAttempts: ctx.config.alerts.maxAttempts,
    baseDelayMs: deps.baseDelayMs,
    maxDelayMs: deps.maxDelayMs,
  };
  await Promise.all(
    routed.map(async (c) => {
      const i = current.findIndex((d) => d.channel === c.row.id);
      const d = await sendOn(ctx, c, { event, alert: outgoing }, policy, (x) => record(i, x));
      if (d.status === 'failed') {
        deps.log(
          `alert "${alert.title}": channel "${c.row.id}" failed after ${d.attempts} attempt(s): ${d.error}`,
        );
      }
    }),
  );
  await writes;
  return current;
}

/** Deliveries still pending this long after their alert was raised were cut short (a crash, a restart). */
const STALE_PENDING_MS = 2 * 60_000;
/** How far back a start looks for deliveries cut short. */
const RESUME_WINDOW_MS = 24 * 3_600_000;

/**
 * Sends again what a crash or restart cut short: alerts of the last day with deliveries still pending
 * minutes after they were raised go to those channels (and only those) now. Answers how many alerts.
 */
export async function resumePendingDeliveries(ctx: AppContext, org: string): Promise<number> {
  const now = ctx.now().getTime();
  const recent = await ctx.alerting.listAlerts({ org, from: new Date(now - RESUME_WINDOW_MS), limit: 1_000 });
  const cut = recent.filter(
    (a) =>
      now - a.createdAt.getTime() >= STALE_PENDING_MS && a.deliveries.some((d) => d.status === 'pending'),
  );
  if (cut.length === 0) return 0;
  const rows = await channelRows(ctx, org);
  for (const alert of cut) {
    const pending = new Set(alert.deliveries.filter((d) => d.status === 'pending').map((d) => d.channel));
    await deliverAll(
      ctx,
      alert,
      eventOf(alert),
      rows.filter((r) => pending.has(r.row.id)),
    );
  }
  return cut.length;
}

/** The event an alert was raised from, as stored. */
function eventOf(alert: StoredAlert): AlertEvent {
  const p = alert.payload as {
    text?: string;
    facts?: AlertEvent['facts'];
    link?: string;
    data?: Record<string, unknown>;
  };
  return {
    kind: alert.event as AlertEvent['kind'],
    dedupeKey: alert.dedupeKey,
    severity: alert.severity as AlertEvent['severity'],
    scope:
      alert.scopeDimension && alert.scopeValue
        ? { dimension: alert.scopeDimension, value: alert.scopeValue }
        : null,
    ...(alert.budgetId ? { budgetId: alert.budgetId } : {}),
    title: alert.title,
    text: p.text ?? alert.title,
    facts: p.facts ?? [],
    link: p.link ?? '/alerts',
    ...(p.data ? { data: p.data } : {}),
  };
}

/** One channel's delivery; a channel that cannot even be opened (its secrets sealed elsewhere) fails at once. */
async function sendOn(
  ctx: AppContext,
  c: ChannelRow,
  message: Parameters<typeof deliver>[2],
  policy: Parameters<typeof deliver>[3],
  onAttempt: (d: AlertDelivery) => Promise<void>,
): Promise<AlertDelivery> {
  const deps = alertDeps(ctx);
  try {
    const channel = openChannel(ctx, c);
    return await deliver(c.row.id, channel, message, policy, { sleep: deps.sleep, now: ctx.now, onAttempt });
  } catch (error) {
    const failed: AlertDelivery = {
      channel: c.row.id,
      status: 'failed',
      attempts: 0,
      lastAttemptAt: ctx.now().toISOString(),
      error: error instanceof Error ? error.message : String(error),
    };
    await onAttempt(failed);
    return failed;
  }
}
