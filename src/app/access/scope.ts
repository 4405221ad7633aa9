import { type Principal, permits } from '../../domain/access.ts';
import { AppError } from '../../domain/errors.ts';
import type { UsageFilter, Visibility } from '../../store/types.ts';

/**
 * The one place reads are scoped. Every read path turns the caller into a filter here: the org is
 * always the caller's, and a caller limited to some teams sees those teams' spend plus their own
 * usage, whatever filters, group-bys or routes they ask through.
 */
export function visibilityOf(principal: Principal): Visibility | undefined {
  if (principal.teams === null) return undefined;
  return { teams: [...principal.teams], users: principal.usageUser ? [principal.usageUser] : [] };
}

/** A usage filter limited to what `principal` may see; the caller's own `org` and `visibility` never survive. */
export function scopeFilter<F extends Omit<UsageFilter, 'org'>>(
  principal: Principal,
  filter: F,
): F & { org: string } {
  const { visibility: _ignored, ...rest } = filter as F & { visibility?: Visibility };
  const visibility = visibilityOf(principal);
  return { ...(rest as F), org: principal.org, ...(visibility ? { visibility } : {}) };
}

/** True when the caller sees every team's spend (owner, admin, analyst, an unbound read token). */
export function seesWholeOrg(principal: Principal): boolean {
  return principal.teams === null;
}

/**
 * Refuses a read that cannot be limited to teams (org-wide reports, reconciliation against invoices,
 * pricing's usage volumes) to a caller who may only see some teams.
 */
export function requireWholeOrg(principal: Principal, what: string): void {
  if (seesWholeOrg(principal)) return;
  throw new AppError(
    'forbidden',
    `${what} covers every team; your access is limited to ${describeLimit(principal)}`,
  );
}

/**
 * Whether something about a scope (a budget, an anomaly, an alert) is visible: the whole org and
 * dimensions other than team and user only to the unrestricted; a team to its members; a user to
 * themself.
 */
export function canSeeScope(
  principal: Principal,
  scope: { dimension: string; value: string | null } | null,
): boolean {
  if (seesWholeOrg(principal)) return true;
  if (!scope || scope.dimension === 'org' || scope.value === null) return false;
  if (scope.dimension === 'team') return (principal.teams ?? []).includes(scope.value);
  if (scope.dimension === 'user') return principal.usageUser === scope.value;
  return false;
}

/** Whether the caller may change things about `scope` (budgets, alert routes) with `need`. */
export function canManageScope(
  principal: Principal,
  need: 'manage_budgets' | 'manage_alerts',
  scope: { dimension: string; value?: string | null } | null,
): boolean {
  if (!scope || scope.dimension === 'org') return permits(principal, need, null);
  if (scope.dimension === 'team') return permits(principal, need, scope.value ?? null);
  return permits(principal, need, null);
}

function describeLimit(principal: Principal): string {
  const teams = principal.teams ?? [];
  const parts = [teams.length ? `team ${teams.join(', ')}` : 'no team'];
  if (principal.usageUser) parts.push(`your own usage (${principal.usageUser})`);
  return parts.join(' and ');
}
