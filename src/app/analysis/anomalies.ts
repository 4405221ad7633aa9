import { SEVERITIES, type Severity } from '../../analyze/severity.ts';
import type { Principal } from '../../domain/access.ts';
import { AppError } from '../../domain/errors.ts';
import { DAY_MS } from '../../lib/time.ts';
import type { AnomalyStatus, StoredAnomaly, Visibility } from '../../store/types.ts';
import {
  canSeeScope,
  limitAnomaly,
  requireManageScope,
  seesWholeOrg,
  visibilityOf,
} from '../access/scope.ts';
import type { AppContext } from '../context.ts';
import { refreshAnomalies, refreshIfStale } from './refresh.ts';

/** A summary shows anomalies refreshed at most this long ago; the anomalies listing always refreshes. */
const SUMMARY_REFRESH_MS = 60_000;
/** Mutes last a week unless the caller says otherwise. */
export const DEFAULT_MUTE_DAYS = 7;

export interface AnomalyListQuery {
  org: string;
  from: Date;
  to: Date;
  statuses?: AnomalyStatus[];
  kinds?: string[];
  /** Only anomalies at least this severe. */
  severity?: Severity;
  /** Only anomalies of scopes of this dimension (`org` for the org as a whole). */
  dimension?: string;
  limit: number;
  /** Set by `scopeFilter`: only anomalies of scopes the caller may see, without hidden drivers. */
  visibility?: Visibility;
}

/**
 * Anomalies whose period overlaps the query's, newest first, after bringing them up to date: the
 * whole requested range is examined, however far back it starts, not only the last weeks.
 */
export async function listAnomalies(ctx: AppContext, q: AnomalyListQuery): Promise<StoredAnomaly[]> {
  await refreshAnomalies(ctx, q.org, { since: q.from });
  return readAnomalies(ctx, q);
}

async function readAnomalies(ctx: AppContext, q: AnomalyListQuery): Promise<StoredAnomaly[]> {
  const found = await ctx.anomalies.listAnomalies({
    org: q.org,
    from: q.from,
    to: q.to,
    statuses: q.statuses,
    kinds: q.kinds,
    limit: 10_000,
  });
  const least = q.severity ? SEVERITIES.indexOf(q.severity) : 0;
  return found
    .filter((a) => SEVERITIES.indexOf(a.severity as Severity) >= least)
    .filter((a) => !q.dimension || a.scopeDimension === q.dimension)
    .flatMap((a) => limitAnomaly(q.visibility, a) ?? [])
    .slice(0, q.limit);
}

/**
 * Acknowledges, mutes or reopens an anomaly and records who did it. A mute also silences the scope:
 * anomalies of the same scope that begin before it ends are stored muted. A team lead may change only
 * their team's anomalies.
 */
export async function setAnomalyStatus(
  ctx: AppContext,
  input: { by: Principal; id: string; status: AnomalyStatus; mutedUntil?: Date },
): Promise<StoredAnomaly> {
  const { by } = input;
  const org = by.org;
  if (!seesWholeOrg(by)) {
    const found = (await ctx.anomalies.listAnomalies({ org, limit: 100_000 })).find((a) => a.id === input.id);
    const scope = found && { dimension: found.scopeDimension, value: found.scopeValue };
    if (!scope || !canSeeScope(by, scope)) throw new AppError('not_found', `no anomaly ${input.id}`);
    requireManageScope(by, 'manage_alerts', scope, 'changing an anomaly');
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
  const changed = await ctx.anomalies.setAnomalyStatus(org, input.id, {
    status: input.status,
    at,
    by: by.actor,
    mutedUntil,
  });
  if (!changed) throw new AppError('not_found', `no anomaly ${input.id}`);
  await ctx.audit.addAudit({
    org,
    at,
    actor: by.actor,
    action: `anomaly.${input.status}`,
    detail: { id: input.id, ...(mutedUntil ? { mutedUntil: mutedUntil.toISOString() } : {}) },
  });
  const shown = limitAnomaly(visibilityOf(by), changed);
  if (!shown) throw new AppError('not_found', `no anomaly ${input.id}`);
  return shown;
}

/** Open anomalies as stored, without a refresh (for scrapes), limited to what the filter may see. */
export function openAnomalies(
  ctx: AppContext,
  filter: { org: string; visibility?: Visibility },
): Promise<StoredAnomaly[]> {
  const to = new Date(ctx.now().getTime() + DAY_MS);
  return readAnomalies(ctx, { ...filter, from: new Date(0), to, statuses: ['open'], limit: 10_000 });
}

/**
 * The anomalies a period summary shows: not muted, overlapping the period, and, when the summary is
 * filtered by dimension values, only those of matching scopes. Most severe first. Refreshed at most once
 * a minute, so the summary stays quick.
 */
export async function periodAnomalies(
  ctx: AppContext,
  filter: {
    org: string;
    from: Date;
    to: Date;
    dimensions?: Partial<Record<string, (string | null)[]>>;
    visibility?: Visibility;
  },
): Promise<StoredAnomaly[]> {
  await refreshIfStale(ctx, filter.org, SUMMARY_REFRESH_MS);
  const found = await readAnomalies(ctx, {
    org: filter.org,
    from: filter.from,
    to: filter.to,
    statuses: ['open', 'acknowledged'],
    limit: 1000,
    visibility: filter.visibility,
  });
  const wanted = Object.entries(filter.dimensions ?? {}).filter(([, values]) => values?.length);
  const matches = (a: StoredAnomaly) =>
    wanted.length === 0 ||
    wanted.some(([dimension, values]) => a.scopeDimension === dimension && values!.includes(a.scopeValue));
  const rank = (a: StoredAnomaly) => SEVERITIES.indexOf(a.severity as Severity);
  return found
    .filter(matches)
    .sort((a, b) => rank(b) - rank(a) || b.periodStart.getTime() - a.periodStart.getTime());
}
