import type { Role, TeamRole, TokenScope } from '../../../../src/domain/access.ts';

/** A team membership: the team's name and the person's role in it. */
export interface Membership {
  team: string;
  role: TeamRole;
}

/** `GET /api/v1/users`: the org's users, never their password hashes. */
export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  teams: Membership[];
  disabled: boolean;
  lockedUntil: string | null;
  createdAt: string;
  lastLoginAt: string | null;
}

export interface UsersResponse {
  users: User[];
}

/** `GET /api/v1/invitations`: invitations sent and not yet used. */
export interface PendingResponse {
  invitations: { email: string; role: Role; teams: Membership[]; createdBy: string; expiresAt: string }[];
}

/** The answer to an invitation or reset: the one-time link (shown once) and whether it was emailed. */
export interface LinkAnswer {
  link: string;
  expiresAt: string;
  emailed: boolean;
  emailError?: string;
}

/** `GET /api/v1/teams`: teams with their members. */
export interface Team {
  name: string;
  createdAt: string;
  members: { userId: string; email: string; name: string; role: TeamRole }[];
}

export interface TeamsResponse {
  teams: Team[];
}

/** `GET /api/v1/tokens`: API tokens, revoked ones included; never their secrets. */
export interface Token {
  id: string;
  label: string;
  scopes: TokenScope[];
  team: string | null;
  createdBy: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface TokensResponse {
  tokens: Token[];
}

/** `POST /api/v1/tokens`: the new token with its secret, the only time it is shown. */
export interface NewToken extends Token {
  token: string;
}

/** `GET /api/v1/audit`: administrative changes, newest first. */
export interface AuditResponse {
  entries: { at: string; actor: string; action: string; detail: Record<string, unknown> }[];
}

/** A team membership in words: `research (lead)`. */
export const membershipText = (teams: Membership[]) =>
  teams.map((t) => (t.role === 'lead' ? `${t.team} (lead)` : t.team)).join(', ');
