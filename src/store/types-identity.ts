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
