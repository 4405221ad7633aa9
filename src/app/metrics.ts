import { type IncidentView, incidentsFromAnomalies } from '../act/alerts/incident-view.ts';
import { dayStart, hourCeiling, localDay, monthStart } from '../analyze/calendar.ts';
import type { Principal } from '../domain/access.ts';
import type { StoredAnomaly } from '../store/types.ts';
import { scopeFilter, seesWholeOrg } from './access/scope.ts';
import { openAnomalies } from './analysis/anomalies.ts';
import { listBudgetViews } from './budgets/status.ts';
import type { BudgetView } from './budgets/view.ts';
import type { AppContext } from './context.ts';
import { sourceRunner } from './sources/runner.ts';
import { listSourceStatus, type SourceStatus } from './sources/status.ts';
import { querySpend, type SpendAmounts, type SpendLine } from './spend.ts';

/** The dimensions each spend series of `/metrics` is labelled with. */
export const METRIC_DIMENSIONS = ['provider', 'model', 'team', 'project'] as const;

/** What `GET /metrics` shows a caller, limited to what they may see. */
export interface MetricsSnapshot {
  /** When the snapshot was taken (budgets' elapsed share is measured to it). */
  at: Date;
  /** The reporting currency every amount is in. */
  currency: string;
  /** Spend, tokens and requests since the start of the month (in the configured timezone), by dimension. */
  month: SpendLine[];
  /** The same since the start of today. */
  today: SpendLine[];
  /** Everything the caller sees, summed exactly: the same totals `GET /api/v1/spend` answers. */
  monthTotal: SpendAmounts;
  todayTotal: SpendAmounts;
  openAnomalies: StoredAnomaly[];
  /** The open anomalies grouped into incidents, as `GET /api/v1/incidents?status=open` groups them. */
  openIncidents: IncidentView[];
  budgets: BudgetView[];
  /** Pull sources and their health; null for a caller limited to some teams (sources are the org's). */
  sources: SourceStatus[] | null;
}

/** Everything `/metrics` exposes for `principal`, read through the one scoping place like every read. */
export async function metricsSnapshot(ctx: AppContext, principal: Principal): Promise<MetricsSnapshot> {
  const now = ctx.now();
  const tz = ctx.config.timezone;
  const today = localDay(now, tz);
  const to = hourCeiling(now);
  const spend = (from: Date) =>
    querySpend(ctx, scopeFilter(principal, { from, to, groupBy: [...METRIC_DIMENSIONS], tz }));
  const scoped = scopeFilter(principal, {});
  const wholeOrg = seesWholeOrg(principal);
  if (wholeOrg) await sourceRunner(ctx).ready(principal.org);
  const [month, day, anomalies, budgets, sources] = await Promise.all([
    spend(dayStart(monthStart(today), tz)),
    spend(dayStart(today, tz)),
    openAnomalies(ctx, scoped),
    listBudgetViews(ctx, scoped.org, now, scoped.visibility),
    wholeOrg ? listSourceStatus(ctx, principal.org) : null,
  ]);
  return {
    at: now,
    currency: month.currency,
    month: month.rows,
    today: day.rows,
    monthTotal: month.totals,
    todayTotal: day.totals,
    openAnomalies: anomalies,
    openIncidents: incidentsFromAnomalies(anomalies),
    budgets,
    sources,
  };
}
