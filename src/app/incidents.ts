import { type IncidentView, incidentsFromAnomalies } from '../act/alerts/incident-view.ts';
import { SEVERITIES, type Severity } from '../analyze/severity.ts';
import type { Principal } from '../domain/access.ts';
import { AppError } from '../domain/errors.ts';
import { DAY_MS } from '../lib/time.ts';
import type { AnomalyStatus, StoredAnomaly, Visibility } from '../store/types.ts';
import { limitAnomaly, requireManageScope, seesWholeOrg, visibilityOf } from './access/scope.ts';
import { DEFAULT_MUTE_DAYS } from './analysis/anomalies.ts';
import { refreshIfStale } from './analysis/refresh.ts';
import type { AppContext } from './context.ts';

/** Detection runs on its own; a listing refreshes only when the last run is older than this. */
const LIST_REFRESH_MS = 60_000;

export interface IncidentListQuery {
  org: string;
  from: Date;
  to: Date;
  statuses?: AnomalyStatus[];
  /** Only incidents at least this severe. */
  severity?: Severity;
  limit: number;
  /** Only the anomalies of scopes the caller may see make the incidents. */
  visibility?: Visibility;
}

/** Incidents whose period overlaps the query's, most severe first, each with its member anomalies. */
export async function listIncidents(ctx: AppContext, q: IncidentListQuery): Promise<IncidentView[]> {
  await refreshIfStale(ctx, q.org, LIST_REFRESH_MS);
  const anomalies = await ctx.anomalies.listAnomalies({ org: q.org, from: q.from, to: q.to, limit: 10_000 });
  const least = q.severity ? SEVERITIES.indexOf(q.severity) : 0;
  return incidentsFromAnomalies(anomalies.flatMap((a) => limitAnomaly(q.visibility, a) ?? []))
    .filter((i) => !q.statuses || q.statuses.includes(i.status))
    .filter((i) => SEVERITIES.indexOf(i.severity) >= least)
    .slice(0, q.limit);
}

/**
 * Acknowledges, mutes or reopens every anomaly of an incident, audited once as `incident.<status>`.
 * A team lead may change an incident only when they may manage each of its scopes.
 */
export async function setIncidentStatus(
  ctx: AppContext,
  input: { by: Principal; id: string; status: AnomalyStatus; mutedUntil?: Date },
): Promise<IncidentView> {
  const { by } = input;
  const org = by.org;
  const incident = await findIncident(ctx, org, input.id, visibilityOf(by));
  for (const m of incident.members) {
    const scope = { dimension: m.scopeDimension, value: m.scopeValue };
    if (!seesWholeOrg(by)) requireManageScope(by, 'manage_alerts', scope, 'changing an incident');
  }
  const at = ctx.now();
  const mutedUntil =
    input.status === 'muted'
      ? (input.mutedUntil ?? new Date(at.getTime() + DEFAULT_MUTE_DAYS * DAY_MS))
      : null;
  if (mutedUntil && mutedUntil <= at) {
    throw new AppError('validation_failed', 'until: must be in the future', {
      errors: [{ path: 'until', message: 'must be in the future' }],
    });
  }
  for (const m of incident.members) {
    await ctx.anomalies.setAnomalyStatus(org, m.id, { status: input.status, at, by: by.actor, mutedUntil });
  }
  await ctx.audit.addAudit({
    org,
    at,
    actor: by.actor,
    action: `incident.${input.status}`,
    detail: {
      id: incident.id,
      anomalies: incident.memberIds,
      ...(mutedUntil ? { mutedUntil: mutedUntil.toISOString() } : {}),
    },
  });
  return findIncident(ctx, org, input.id, visibilityOf(by));
}

/** An incident by id: its first member carries the id, and its members overlap that member's period. */
async function findIncident(
  ctx: AppContext,
  org: string,
  id: string,
  visibility: Visibility | undefined,
): Promise<IncidentView> {
  const firstId = id.replace(/^in_/, 'an_');
  const first = (await ctx.anomalies.listAnomalies({ org, limit: 100_000 })).find((a) => a.id === firstId);
  const visible = (a: StoredAnomaly) => limitAnomaly(visibility, a);
  if (!first || !visible(first)) throw new AppError('not_found', `no incident ${id}`);
  const near = await ctx.anomalies.listAnomalies({
    org,
    from: first.periodStart,
    to: first.periodEnd,
    limit: 10_000,
  });
  const found = incidentsFromAnomalies(near.flatMap((a) => visible(a) ?? [])).find((i) => i.id === id);
  if (!found) throw new AppError('not_found', `no incident ${id}`);
  return found;
}
