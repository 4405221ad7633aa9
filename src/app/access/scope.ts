import { driverText } from '../../analyze/describe.ts';
import type { Driver } from '../../analyze/drivers.ts';
import { type Need, type Principal, permits } from '../../domain/access.ts';
import { AppError } from '../../domain/errors.ts';
import type { StoredAnomaly, UsageFilter, Visibility } from '../../store/types.ts';

/*
 * The one place reads are scoped. Every read path turns the caller into a filter or a check here: the
 * org is always the caller's, and a caller limited to some teams (a member, a team lead, a token bound
 * to a team) sees those teams' spend plus their own usage, whatever filters, group-bys or routes they
 * ask through. Their own usage booked to another team is theirs to see, that team's name on it
 * included; nothing else of that team is. What each read does for such a caller:
 *
 * Usage-derived numbers, computed over the visible records only (`scopeFilter`):
 *   GET /api/v1/usage, /spend, /summary (its anomalies as below), /forecast, /baseline,
 *   /export/focus, /v1/transactions, /v1/analyse-spend + /v1/jobs/:id/results (a job is visible only to
 *   whoever started it, or to a caller who sees the whole org), GET /metrics (spend, tokens, requests,
 *   unpriced requests, open anomalies and budgets, as below).
 * Lists of things about a scope, kept to the scopes the caller can see (`canSeeScope`): a team to its
 *   members, a user to themself, the whole org and other dimensions (project, model, tags…) to no one:
 *   /budgets (and /budgets/:id: 404), /anomalies (drivers naming a team the caller cannot see are
 *   dropped, and the description no longer names them), /alerts (alerts about no scope, such as the
 *   daily summary or a failing source, are the org's), /channels (a channel without a scope routes the
 *   whole org's alerts, so it is the org's), /activity (an activity of a visible team or of the caller);
 *   one of them asked for by id answers 404. /teams lists only the caller's teams (routes/identity.ts).
 * Reads that cannot be limited to teams, refused with 403 (`requireWholeOrg`): /reports (archived
 *   org-wide summaries), /reconciliation (invoices are per provider and project, not per team),
 *   /sources (their settings and status), /attribution/rules (they map users and keys to every team);
 *   /audit, /users, /tokens and /invitations are refused by the route's permission already.
 * Filtered to nothing: /pricing answers the price catalog and overrides, but its unpriced-model volumes
 *   (org-wide counts the store cannot split by team) are left empty; /metrics leaves out sources.
 * Writes about a scope (`requireManageScope`): budgets and channels only for a team the caller leads
 *   (or anything, for those who may manage the whole org); anomaly status changes likewise.
 */

/** What `principal` may see of the ledger; undefined means the whole org. */
export function visibilityOf(principal: Principal): Visibility | undefined {
  if (principal.teams === null) return undefined;
  return { teams: [...principal.teams], users: principal.usageUser ? [principal.usageUser] : [] };
}

/** A usage filter limited to what `principal` may see; the caller's own `org` and `visibility` never survive. */
export function scopeFilter<F extends Omit<UsageFilter, 'org'>>(
  principal: Principal,
  filter: F,
): F & { org: string; visibility?: Visibility } {
  const {
    visibility: _ignored,
    org: _org,
    ...rest
  } = filter as F & { visibility?: Visibility; org?: string };
  const visibility = visibilityOf(principal);
  return { ...(rest as F), org: principal.org, ...(visibility ? { visibility } : {}) };
}

/** True when the caller sees every team's spend (owner, admin, analyst, an unbound read token). */
export function seesWholeOrg(principal: Principal): boolean {
  return principal.teams === null;
}

/**
 * Refuses a read that cannot be limited to teams (org-wide reports, reconciliation against invoices,
 * sources, attribution rules) to a caller who may only see some teams.
 */
export function requireWholeOrg(principal: Principal, what: string): void {
  if (seesWholeOrg(principal)) return;
  throw new AppError(
    'forbidden',
    `${what} covers every team; your access is limited to ${describeLimit(principal)}`,
  );
}

type ScopeRef = { dimension: string; value?: string | null } | null;

/**
 * Whether something about a scope (a budget, an anomaly, an alert, a channel) is visible: the whole
 * org and dimensions other than team and user only to the unrestricted; a team to its members; a user
 * to themself.
 */
export function canSeeScope(principal: Principal, scope: ScopeRef): boolean {
  return scopeVisible(visibilityOf(principal), scope);
}

/** `canSeeScope` for a filter's visibility (undefined: the whole org). */
export function scopeVisible(visibility: Visibility | undefined, scope: ScopeRef): boolean {
  if (!visibility) return true;
  if (!scope || scope.dimension === 'org' || scope.value === null || scope.value === undefined) return false;
  if (scope.dimension === 'team') return visibility.teams.includes(scope.value);
  if (scope.dimension === 'user') return visibility.users.includes(scope.value);
  return false;
}

/** Whether something tied to a team and a user (an activity) is visible: its team is, or it is the caller's own. */
export function canSeeUsageOf(
  visibility: Visibility | undefined,
  of: { team: string | null; user: string | null },
): boolean {
  if (!visibility) return true;
  return (
    (of.team !== null && visibility.teams.includes(of.team)) ||
    (of.user !== null && visibility.users.includes(of.user))
  );
}

/**
 * An anomaly as a limited reader may see it: null when its scope is hidden; else without the drivers
 * that name a team they cannot see, and with a description that no longer names them.
 */
export function limitAnomaly(visibility: Visibility | undefined, a: StoredAnomaly): StoredAnomaly | null {
  if (!visibility) return a;
  if (!scopeVisible(visibility, { dimension: a.scopeDimension, value: a.scopeValue })) return null;
  const drivers = a.drivers.map(asDriver);
  const kept = drivers.filter(
    (d) => d.dimension !== 'team' || (d.value !== null && visibility.teams.includes(d.value)),
  );
  if (kept.length === drivers.length) return a;
  let description = a.description.replace(driverText(drivers, a.currency), driverText(kept, a.currency));
  // why: a description written some other way must still not name what was dropped.
  for (const d of drivers) {
    if (!kept.includes(d) && d.value) description = description.split(d.value).join('(hidden)');
  }
  return {
    ...a,
    drivers: a.drivers.filter((_, i) => kept.includes(drivers[i]!)),
    description: description.replace(/ {2,}/g, ' ').trim(),
  };
}

// why: the store keeps drivers as analysis's JSON; these are the fields the description is written from.
function asDriver(d: Record<string, unknown>): Driver {
  return {
    dimension: String(d.dimension),
    value: d.value === null || d.value === undefined ? null : String(d.value),
    actual: Number(d.actual ?? 0),
    expected: Number(d.expected ?? 0),
    delta: Number(d.delta ?? 0),
  };
}

/** Whether the caller may change things about `scope` (budgets, alert routes, anomalies) with `need`. */
export function canManageScope(
  principal: Principal,
  need: Extract<Need, 'manage_budgets' | 'manage_alerts'>,
  scope: ScopeRef,
): boolean {
  if (scope?.dimension === 'team') return permits(principal, need, scope.value ?? null);
  return permits(principal, need, null);
}

/** Throws `forbidden` unless the caller may change `what` about `scope`. */
export function requireManageScope(
  principal: Principal,
  need: Extract<Need, 'manage_budgets' | 'manage_alerts'>,
  scope: ScopeRef,
  what: string,
): void {
  if (canManageScope(principal, need, scope)) return;
  const about =
    !scope || scope.dimension === 'org' ? 'the whole org' : `${scope.dimension} "${scope.value ?? '(none)'}"`;
  const lead = principal.leadOf.length ? `only for team ${principal.leadOf.join(', ')}` : 'for no team';
  throw new AppError(
    'forbidden',
    `${what} about ${about} needs "${need}" there; ${principal.actor} has it ${lead}`,
  );
}

/**
 * Budget ids are one namespace per org, so a lead choosing an id another team's budget holds would learn
 * it exists. A caller limited to some teams therefore names a team's new budget `<team>-…` (the team's
 * name in id form): every id outside that prefix is refused alike, taken or not. A team they do not
 * lead is left to `requireManageScope`.
 */
export function requireOwnBudgetId(principal: Principal, id: string, team: string): void {
  if (
    seesWholeOrg(principal) ||
    !canManageScope(principal, 'manage_budgets', { dimension: 'team', value: team })
  ) {
    return;
  }
  const prefix = `${idForm(team)}-`;
  if (id.startsWith(prefix)) return;
  const message = `must start with "${prefix}": a team lead names their team's budgets after the team`;
  throw new AppError('validation_failed', `id: ${message}`, { errors: [{ path: 'id', message }] });
}

/** A team name as the start of a budget id: lower case, other characters as "-", at most 40. */
function idForm(team: string): string {
  const form = team
    .toLowerCase()
    .replace(/[^a-z0-9_.-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .slice(0, 40);
  return form || 'team';
}

function describeLimit(principal: Principal): string {
  const teams = principal.teams ?? [];
  const parts = [teams.length ? `team ${teams.join(', ')}` : 'no team'];
  if (principal.usageUser) parts.push(`your own usage (${principal.usageUser})`);
  return parts.join(' and ');
}
