import {
  ROLES,
  type Role,
  TEAM_ROLES,
  type TeamRole,
  TOKEN_SCOPES,
  type TokenScope,
} from '../../domain/access.ts';
import { AppError } from '../../domain/errors.ts';
import type {
  StoredInvitation,
  StoredOrg,
  StoredSession,
  StoredTeam,
  StoredTeamMember,
  StoredToken,
  StoredUser,
} from '../types-identity.ts';

type Row = Record<string, unknown>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
const date = (v: unknown) => (v === null || v === undefined ? null : (v as Date));

/** A stored enum value, refused loudly when the row holds something the code does not know. */
function member<T extends string>(value: unknown, allowed: readonly T[], column: string): T {
  const found = allowed.find((a) => a === value);
  if (found === undefined) throw new AppError('internal', `stored ${column} "${String(value)}" is not known`);
  return found;
}

export const userParams = (u: StoredUser) => [
  u.org,
  u.id,
  u.email,
  u.name,
  u.role,
  u.passwordHash,
  u.usageUser,
  u.failedLogins,
  iso(u.lockedUntil),
  u.disabled,
  u.createdAt.toISOString(),
  iso(u.lastLoginAt),
];

export const userUpdateParams = (u: StoredUser) => [
  u.org,
  u.id,
  u.name,
  u.role,
  u.passwordHash,
  u.usageUser,
  u.disabled,
];

export const sessionParams = (s: StoredSession) => [
  s.idHash,
  s.org,
  s.userId,
  s.tokenId,
  s.csrfToken,
  s.createdAt.toISOString(),
  s.expiresAt.toISOString(),
  s.lastSeenAt.toISOString(),
];

export const tokenParams = (t: StoredToken) => [
  t.id,
  t.org,
  t.tokenHash,
  t.label,
  t.scopes.join(','),
  t.team,
  t.createdBy,
  t.createdAt.toISOString(),
  iso(t.lastUsedAt),
  iso(t.revokedAt),
];

export const invitationParams = (i: StoredInvitation) => [
  i.tokenHash,
  i.org,
  i.kind,
  i.email,
  i.role,
  JSON.stringify(i.teams),
  i.createdBy,
  i.createdAt.toISOString(),
  i.expiresAt.toISOString(),
  iso(i.acceptedAt),
];

/** The one place an `orgs` row becomes a `StoredOrg`. */
export const orgFromRow = (x: Row): StoredOrg => ({
  id: String(x.id),
  name: String(x.name),
  createdAt: x.created_at as Date,
});

export function userFromRow(x: Row): StoredUser {
  return {
    org: String(x.org),
    id: String(x.id),
    email: String(x.email),
    name: String(x.name),
    role: member<Role>(x.role, ROLES, 'role'),
    passwordHash: text(x.password_hash),
    usageUser: text(x.usage_user),
    failedLogins: Number(x.failed_logins),
    lockedUntil: date(x.locked_until),
    disabled: x.disabled === true,
    createdAt: x.created_at as Date,
    lastLoginAt: date(x.last_login_at),
  };
}

export const teamFromRow = (x: Row): StoredTeam => ({
  org: String(x.org),
  name: String(x.name),
  createdAt: x.created_at as Date,
});

export const memberFromRow = (x: Row): StoredTeamMember => ({
  org: String(x.org),
  team: String(x.team),
  userId: String(x.user_id),
  role: member<TeamRole>(x.role, TEAM_ROLES, 'team role'),
});

export const sessionFromRow = (x: Row): StoredSession => ({
  idHash: String(x.id_hash),
  org: String(x.org),
  userId: text(x.user_id),
  tokenId: text(x.token_id),
  csrfToken: String(x.csrf_token),
  createdAt: x.created_at as Date,
  expiresAt: x.expires_at as Date,
  lastSeenAt: x.last_seen_at as Date,
});

export function tokenFromRow(x: Row): StoredToken {
  return {
    id: String(x.id),
    org: String(x.org),
    tokenHash: String(x.token_hash),
    label: String(x.label),
    scopes: String(x.scopes)
      .split(',')
      .filter(Boolean)
      .map((s) => member<TokenScope>(s, TOKEN_SCOPES, 'token scope')),
    team: text(x.team),
    createdBy: String(x.created_by),
    createdAt: x.created_at as Date,
    lastUsedAt: date(x.last_used_at),
    revokedAt: date(x.revoked_at),
  };
}

export function invitationFromRow(x: Row): StoredInvitation {
  const teams = JSON.parse(String(x.teams)) as { team: string; role: string }[];
  return {
    tokenHash: String(x.token_hash),
    org: String(x.org),
    kind: member(x.kind, ['invite', 'reset', 'setup'] as const, 'invitation kind'),
    email: text(x.email),
    role: member<Role>(x.role, ROLES, 'role'),
    teams: teams.map((t) => ({ team: t.team, role: member<TeamRole>(t.role, TEAM_ROLES, 'team role') })),
    createdBy: String(x.created_by),
    createdAt: x.created_at as Date,
    expiresAt: x.expires_at as Date,
    acceptedAt: date(x.accepted_at),
  };
}
