/** Org-wide roles; leading a team is a per-team role held through a membership. */
export const ROLES = ['owner', 'admin', 'analyst', 'member'] as const;
export type Role = (typeof ROLES)[number];

export const TEAM_ROLES = ['lead', 'member'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

export const TOKEN_SCOPES = ['ingest', 'read', 'admin'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

/** What a request needs; the HTTP layer maps every route to one of these. `read_audit`: the audit log. */
export const NEEDS = [
  'read',
  'ingest',
  'admin',
  'manage_budgets',
  'manage_reports',
  'manage_alerts',
  'read_audit',
] as const;
export type Need = (typeof NEEDS)[number];

/** Who is calling: a signed-in user or an API token, with what they may see and do. */
export interface Principal {
  org: string;
  kind: 'user' | 'token';
  /** The user's or token's id. */
  id: string;
  /** For audit entries: `user:<email>` or `token:<label>`. */
  actor: string;
  /** A token's role is `owner` when it has the admin scope, else `member`; tokens are checked by scope. */
  role: Role;
  scopes: TokenScope[];
  /** null: every team's spend; a list: only these teams' spend. */
  teams: string[] | null;
  /** Teams this principal leads (may manage their budgets and alert routes). */
  leadOf: string[];
  /** The `user` dimension value that is this person's own usage (default: the email). */
  usageUser: string | null;
}

const ROLE_RANK: Record<Role, number> = { member: 0, analyst: 1, admin: 2, owner: 3 };

/** True when `role` is at least `floor` (owner > admin > analyst > member). */
export function atLeast(role: Role, floor: Role): boolean {
  return ROLE_RANK[role] >= ROLE_RANK[floor];
}

/**
 * Whether `principal` may do `need`. Without `team`, whether it may do it for some scope (the route
 * check); with `team` (null: the whole org), whether it may for that team.
 */
export function permits(principal: Principal, need: Need, team?: string | null): boolean {
  if (principal.kind === 'token') return tokenPermits(principal, need, team);
  switch (principal.role) {
    case 'owner':
    case 'admin':
      return true;
    case 'analyst':
      return need !== 'admin' && need !== 'ingest';
    case 'member':
      return memberPermits(principal, need, team);
    default:
      return principal.role satisfies never;
  }
}

function memberPermits(principal: Principal, need: Need, team: string | null | undefined): boolean {
  switch (need) {
    case 'read':
      return team === undefined || canSeeTeam(principal, team);
    case 'manage_budgets':
    case 'manage_alerts':
      return team === undefined
        ? principal.leadOf.length > 0
        : team !== null && principal.leadOf.includes(team);
    case 'manage_reports':
    case 'read_audit':
    case 'ingest':
    case 'admin':
      return false;
    default:
      return need satisfies never;
  }
}

// why: a token bound to a team is a team's integration, never an org-wide administrator.
function tokenPermits(principal: Principal, need: Need, team: string | null | undefined): boolean {
  const unbound = principal.teams === null;
  const inScope = team === undefined || canSeeTeam(principal, team);
  if (principal.scopes.includes('admin') && unbound) return true;
  if (need === 'read') return principal.scopes.includes('read') && inScope;
  if (need === 'ingest') return principal.scopes.includes('ingest');
  return false;
}

/** The teams whose spend `principal` may see; null means every team. */
export function visibleTeams(principal: Principal): string[] | null {
  return principal.teams === null ? null : [...principal.teams];
}

/** Whether a team's numbers are visible; null (the whole org, or no team) only to the unrestricted. */
export function canSeeTeam(principal: Principal, team: string | null): boolean {
  if (principal.teams === null) return true;
  return team !== null && principal.teams.includes(team);
}

/** Whether `principal` may grant or take away `role` (only owners touch owners). */
export function mayAssignRole(principal: Principal, role: Role): boolean {
  if (!permits(principal, 'admin')) return false;
  return role !== 'owner' || principal.role === 'owner';
}

/** The principal of a user from their role and team memberships. */
export function userPrincipal(user: {
  org: string;
  id: string;
  email: string;
  role: Role;
  usageUser: string | null;
  memberships: { team: string; role: TeamRole }[];
}): Principal {
  const restricted = user.role === 'member';
  const scopes: TokenScope[] = atLeast(user.role, 'admin') ? [...TOKEN_SCOPES] : ['read'];
  return {
    org: user.org,
    kind: 'user',
    id: user.id,
    actor: `user:${user.email}`,
    role: user.role,
    scopes,
    teams: restricted ? [...new Set(user.memberships.map((m) => m.team))].sort() : null,
    leadOf: user.memberships
      .filter((m) => m.role === 'lead')
      .map((m) => m.team)
      .sort(),
    usageUser: user.usageUser ?? user.email,
  };
}

/** The principal of an API token: its scopes, and one team's spend when bound to a team. */
export function tokenPrincipal(token: {
  org: string;
  id: string;
  label: string;
  scopes: TokenScope[];
  team: string | null;
}): Principal {
  return {
    org: token.org,
    kind: 'token',
    id: token.id,
    actor: `token:${token.label}`,
    role: token.scopes.includes('admin') && token.team === null ? 'owner' : 'member',
    scopes: [...token.scopes],
    teams: token.team === null ? null : [token.team],
    leadOf: [],
    usageUser: null,
  };
}
