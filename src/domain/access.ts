/** Org-wide roles; leading a team is a per-team role held through a membership. */
export const ROLES = ['owner', 'admin', 'analyst', 'member'] as const;
export type Role = (typeof ROLES)[number];

export const TEAM_ROLES = ['lead', 'member'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

/** `gateway`: calls through the provider-compatible gateway (/proxy/…), and nothing else. */
export const TOKEN_SCOPES = ['ingest', 'read', 'admin', 'gateway'] as const;
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
  'gateway',
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
  /**
   * A user's role; a token's is its creator's current role (`admin` for a token no person created), and
   * the token may do only what both that role and its scopes allow.
   */
  role: Role;
  scopes: TokenScope[];
  /** null: every team's spend; a list: only these teams' spend. */
  teams: string[] | null;
  /** Teams this principal leads (may manage their budgets and alert routes). */
  leadOf: string[];
  /** The `user` dimension value that is this person's own usage (default: the email). */
  usageUser: string | null;
  /** For a token: whose power it carries (`user:<email>`, or the system actor that made it), recorded on what it makes. */
  actsFor?: string;
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
  if (principal.kind === 'token' && !scopeAllows(principal.scopes, need)) return false;
  // why: a token bound to a team carries its creator's role, but only that team's numbers.
  if (need === 'read' && team !== undefined && !canSeeTeam(principal, team)) return false;
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

/** What a token's scopes allow, before its creator's role is asked: `admin` covers every need. */
function scopeAllows(scopes: TokenScope[], need: Need): boolean {
  if (scopes.includes('admin')) return true;
  if (need === 'read' || need === 'ingest' || need === 'gateway') return scopes.includes(need);
  return false;
}

function memberPermits(principal: Principal, need: Need, team: string | null | undefined): boolean {
  switch (need) {
    case 'gateway':
      return true;
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

/** The power a token's creator holds now, as `creatorPower` in app/identity reads it from the store. */
export interface TokenCreator {
  /** `user:<email>`, or the system actor (`spendlens`, `cli`) of a token no person created. */
  actor: string;
  role: Role;
  /** null: every team's spend. */
  teams: string[] | null;
  leadOf: string[];
  usageUser: string | null;
}

/**
 * The principal of an API token: never more than its creator may do now. Its role is the creator's,
 * its teams the creator's (one of them when bound to a team), and a token bound to a team is that
 * team's integration: its admin scope, if any, counts for nothing.
 */
export function tokenPrincipal(
  token: { org: string; id: string; label: string; scopes: TokenScope[]; team: string | null },
  creator: TokenCreator,
): Principal {
  const bound = token.team;
  const teams =
    bound === null ? creator.teams : creator.teams === null || creator.teams.includes(bound) ? [bound] : [];
  const scopes = bound === null ? [...token.scopes] : token.scopes.filter((s) => s !== 'admin');
  return {
    org: token.org,
    kind: 'token',
    id: token.id,
    actor: `token:${token.label}`,
    role: creator.role,
    scopes,
    teams: teams === null ? null : [...teams],
    leadOf: scopes.includes('admin') ? [...creator.leadOf] : [],
    // why: a member's own usage is theirs to see; their unbound token sees what they see.
    usageUser: bound === null && creator.teams !== null ? creator.usageUser : null,
    actsFor: creator.actor,
  };
}
