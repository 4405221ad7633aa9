import { ANOMALY_EVENTS } from '../../act/alerts/anomalies.ts';
import type { AlertEvent } from '../../act/alerts/event.ts';
import { incidentsFromAnomalies } from '../../act/alerts/incident-view.ts';
import { incidentEvents } from '../../act/alerts/incidents.ts';
import { transition } from '../../act/budgets/transition.ts';
import { DAY_MS } from '../../lib/time.ts';
import { refreshAnomalies } from '../analysis/refresh.ts';
import { listBudgets } from '../budgets/manage.ts';
import { budgetView } from '../budgets/status.ts';
import type { BudgetView } from '../budgets/view.ts';
import type { AppContext } from '../context.ts';

const BUDGET_EVENTS = ['threshold_crossed', 'budget_exceeded', 'projected_to_exceed'];

/** Anomalies whose period ended longer ago than this are not read (their alerts were due long ago). */
const ANOMALY_LOOKBACK_MS = 8 * DAY_MS;

/**
 * The alert job: every budget of an org (the configured one by default) and its recent incidents (detected
 * first, so anomalies are found whether or not anyone reads them), judged at `now`, each
 * event passed to `raise` (which stores it once by its dedupe key and delivers it). One budget that
 * cannot be judged, or one event that fails to raise, does not hold up the rest; the first such error
 * is thrown once everything else went out.
 */
export async function evaluateAlerts(
  ctx: AppContext,
  now: Date,
  raise: (event: AlertEvent) => Promise<unknown>,
  org: string = ctx.config.org,
): Promise<{ events: number }> {
  const failures: unknown[] = [];
  const budgets = await budgetEvents(ctx, org, now, failures);
  const events = [...budgets];
  try {
    await refreshAnomalies(ctx, org);
    events.push(...(await incidentAlerts(ctx, org, now)));
  } catch (error) {
    failures.push(error);
  }
  return raiseAll(events, raise, failures);
}

/**
 * The detection job (`alerts.detect`, every minute by default): examines what was written since the
 * last run and, when that stored new or changed anomalies, alerts the incidents they make at once,
 * without waiting for the next budget evaluation. Nothing written: one read of the org's mark.
 */
export async function detectAndAlert(
  ctx: AppContext,
  now: Date,
  raise: (event: AlertEvent) => Promise<unknown>,
  org: string = ctx.config.org,
): Promise<{ events: number }> {
  const { written } = await refreshAnomalies(ctx, org);
  if (written === 0) return { events: 0 };
  return raiseAll(await incidentAlerts(ctx, org, now), raise, []);
}

/** Raises each event; one that fails does not hold up the rest, and the first error is thrown at the end. */
async function raiseAll(
  events: AlertEvent[],
  raise: (event: AlertEvent) => Promise<unknown>,
  failures: unknown[],
): Promise<{ events: number }> {
  let raised = 0;
  for (const event of events) {
    try {
      await raise(event);
      raised++;
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length > 0) throw failures[0];
  return { events: raised };
}

/** Budget events; a budget that cannot be judged adds its error to `failures` and is left out. */
async function budgetEvents(
  ctx: AppContext,
  org: string,
  now: Date,
  failures: unknown[],
): Promise<AlertEvent[]> {
  const budgets = await listBudgets(ctx, org);
  const views: BudgetView[] = [];
  for (const r of await Promise.allSettled(budgets.map((b) => budgetView(ctx, org, b, now)))) {
    if (r.status === 'fulfilled') views.push(r.value);
    else failures.push(r.reason);
  }
  if (views.length === 0) return [];
  const from = new Date(Math.min(...views.map((v) => Date.parse(v.status.periodStart))));
  const raised = await ctx.alerting.listAlerts({ org, from, events: BUDGET_EVENTS, limit: 10_000 });
  const alerted = new Set(raised.map((a) => a.dedupeKey));
  return views.flatMap((v) => transition(v, v.status, now, alerted));
}

/** One alert per new incident among the anomalies of the lookback (any status: members make the incident). */
async function incidentAlerts(ctx: AppContext, org: string, now: Date): Promise<AlertEvent[]> {
  const { anomalyCooldownMinutes, minSeverity } = ctx.config.alerts;
  const window = Math.max(anomalyCooldownMinutes * 60_000, ANOMALY_LOOKBACK_MS);
  const [anomalies, recentAlerts] = await Promise.all([
    ctx.anomalies.listAnomalies({
      org,
      from: new Date(now.getTime() - ANOMALY_LOOKBACK_MS),
      to: now,
      limit: 10_000,
    }),
    ctx.alerting.listAlerts({
      org,
      from: new Date(now.getTime() - window),
      events: [...ANOMALY_EVENTS],
      limit: 10_000,
    }),
  ]);
  return incidentEvents({
    incidents: incidentsFromAnomalies(anomalies),
    recentAlerts,
    minSeverity,
    cooldownMinutes: anomalyCooldownMinutes,
    tz: ctx.config.timezone,
    now,
  });
}
