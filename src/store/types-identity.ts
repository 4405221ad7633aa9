/** Stored orgs, users, teams, sessions, tokens and invitations: the rows of the identity methods of `Store`. */
import type { Role, TeamRole, TokenScope } from '../domain/access.ts';

/** A tenant. */
export interface StoredOrg {
  id: string;
  name: string;
  createdAt: Date;
}

/** A person who signs in; `email` is lower-cased and unique across the deployment. */
export interface StoredUser {
  org: string;
  id: string;
  email: string;
  name: string;
  role: Role;
  /** `scrypt$N$r$p$salt$hash`; null until a password is set. */
  passwordHash: string | null;
  /** The `user` dimension value of this person's own usage; null means the email. */
  usageUser: string | null;
  failedLogins: number;
  lockedUntil: Date | null;
  disabled: boolean;
  createdAt: Date;
  lastLoginAt: Date | null;
}

/** A team; its name is the usage records' `team` value. */
export interface StoredTeam {
  org: string;
  name: string;
  createdAt: Date;
}

export interface StoredTeamMember {
  org: string;
  team: string;
  userId: string;
  role: TeamRole;
}

/** A browser session, by the SHA-256 of its id; a user's, or an API token's signed in on the sign-in page. */
export interface StoredSession {
  idHash: string;
  org: string;
  userId: string | null;
  tokenId: string | null;
  csrfToken: string;
  createdAt: Date;
  expiresAt: Date;
  lastSeenAt: Date;
}

/** An API token, by the SHA-256 of its secret. */
export interface StoredToken {
  id: string;
  org: string;
  tokenHash: string;
  label: string;
  scopes: TokenScope[];
  /** Bound to one team's spend, or null. */
  team: string | null;
  createdBy: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** A one-time link: join (`invite`), set a new password (`reset`) or create the first owner (`setup`). */
export interface StoredInvitation {
  tokenHash: string;
  org: string;
  kind: 'invite' | 'reset' | 'setup';
  /** Null only for `setup`, where the owner names their email on accepting. */
  email: string | null;
  role: Role;
  teams: { team: string; role: TeamRole }[];
  createdBy: string;
  createdAt: Date;
  expiresAt: Date;
  acceptedAt: Date | null;
}

/** Orgs, users, teams and their members, browser sessions, scoped API tokens and one-time invitations. */
export interface IdentityRepo {
  /** Stores the hash of an owner-level API token (all scopes) for an org; `label` names it. */
  putToken(org: string, tokenHash: string, label: string): Promise<void>;
  /** A live (not revoked) token's org and label. */
  findToken(tokenHash: string): Promise<{ org: string; label: string } | null>;
  countTokens(): Promise<number>;
  /** Creates an org unless it exists. */
  putOrg(org: StoredOrg): Promise<void>;
  getOrg(id: string): Promise<StoredOrg | null>;
  /** Every org with an account (the scheduler runs each org's jobs). */
  listOrgs(): Promise<StoredOrg[]>;
  /** False (and nothing written) when the email or id is taken. */
  insertUser(user: StoredUser): Promise<boolean>;
  /** Writes name, role, password hash, usage user and disabled; false when there is no such user. */
  updateUser(user: StoredUser): Promise<boolean>;
  getUser(org: string, id: string): Promise<StoredUser | null>;
  /** The user with this (lower-cased) email in any org. */
  findUserByEmail(email: string): Promise<StoredUser | null>;
  listUsers(org: string): Promise<StoredUser[]>;
  /** Deletes a user with their memberships and sessions. */
  deleteUser(org: string, id: string): Promise<boolean>;
  /** Counts a failed sign-in; the `lock.after`-th locks the account until `lock.until` and restarts the count. */
  recordLoginFailure(
    org: string,
    id: string,
    lock: { after: number; until: Date },
  ): Promise<{ failedLogins: number; lockedUntil: Date | null }>;
  /** A successful sign-in: clears failures and the lock. */
  recordLogin(org: string, id: string, at: Date): Promise<void>;
  putTeam(team: StoredTeam): Promise<void>;
  listTeams(org: string): Promise<StoredTeam[]>;
  /** Deletes a team and its memberships. */
  deleteTeam(org: string, name: string): Promise<boolean>;
  /** Adds a member or changes their role in the team. */
  putTeamMember(member: StoredTeamMember): Promise<void>;
  deleteTeamMember(org: string, team: string, userId: string): Promise<boolean>;
  listTeamMembers(org: string): Promise<StoredTeamMember[]>;
  putSession(session: StoredSession): Promise<void>;
  getSession(idHash: string): Promise<StoredSession | null>;
  touchSession(idHash: string, at: Date): Promise<void>;
  deleteSession(idHash: string): Promise<boolean>;
  /** Ends every session of a user or of a token; returns how many. */
  deleteSessions(org: string, owner: { userId?: string; tokenId?: string }): Promise<number>;
  insertToken(token: StoredToken): Promise<void>;
  /** The token with this hash, revoked or not. */
  getTokenByHash(tokenHash: string): Promise<StoredToken | null>;
  listTokens(org: string): Promise<StoredToken[]>;
  /** Revokes a live token; false when the org has no live token with that id. */
  revokeToken(org: string, id: string, at: Date): Promise<boolean>;
  touchToken(id: string, at: Date): Promise<void>;
  insertInvitation(invitation: StoredInvitation): Promise<void>;
  getInvitation(tokenHash: string): Promise<StoredInvitation | null>;
  /** Marks a pending, unexpired invitation accepted at `at`; false when it was used or expired. */
  consumeInvitation(tokenHash: string, at: Date): Promise<boolean>;
  listInvitations(org: string): Promise<StoredInvitation[]>;
}
