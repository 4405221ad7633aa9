import type { Principal, Role, TeamRole } from '../../domain/access.ts';
import { mayAssignRole } from '../../domain/access.ts';
import { AppError } from '../../domain/errors.ts';
import type { StoredUser } from '../../store/types.ts';
import type { AppContext } from '../context.ts';
import { demand } from './guard.ts';
import { checkPassword, hashPassword } from './passwords.ts';
import { newId, recordChange } from './secret.ts';
import { revokeTokensOf } from './tokens.ts';

export interface Membership {
  team: string;
  role: TeamRole;
}

/** A user as the API and CLI show them: never the password hash. */
export interface UserView {
  id: string;
  email: string;
  name: string;
  role: Role;
  teams: Membership[];
  usageUser: string;
  disabled: boolean;
  lockedUntil: Date | null;
  createdAt: Date;
  lastLoginAt: Date | null;
}

/** The org's users with their teams, by email. */
export async function listUsers(ctx: AppContext, org: string): Promise<UserView[]> {
  const [users, members] = await Promise.all([
    ctx.identity.listUsers(org),
    ctx.identity.listTeamMembers(org),
  ]);
  return users.map((u) =>
    view(
      u,
      members.filter((m) => m.userId === u.id),
    ),
  );
}

export function view(u: StoredUser, teams: Membership[]): UserView {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    teams: teams.map((t) => ({ team: t.team, role: t.role })),
    usageUser: u.usageUser ?? u.email,
    disabled: u.disabled,
    lockedUntil: u.lockedUntil,
    createdAt: u.createdAt,
    lastLoginAt: u.lastLoginAt,
  };
}

/** A user of the org by id or email; `not_found` otherwise. */
export async function findUser(ctx: AppContext, org: string, idOrEmail: string): Promise<StoredUser> {
  const found = idOrEmail.includes('@')
    ? await ctx.identity.findUserByEmail(idOrEmail.trim().toLowerCase())
    : await ctx.identity.getUser(org, idOrEmail);
  if (!found || found.org !== org) throw new AppError('not_found', `no user ${idOrEmail} in this org`);
  return found;
}

export interface NewUser {
  org: string;
  email: string;
  name: string;
  role: Role;
  password: string;
  teams: Membership[];
}

/** Creates a user with a password (an accepted invitation, or the first owner); `conflict` when the email is taken. */
export async function createUser(
  ctx: AppContext,
  input: NewUser,
  by: Pick<Principal, 'actor'>,
): Promise<StoredUser> {
  checkPassword(input.password);
  await checkTeams(ctx, input.org, input.teams);
  const user: StoredUser = {
    org: input.org,
    id: newId('usr'),
    email: input.email,
    name: input.name,
    role: input.role,
    passwordHash: await hashPassword(input.password),
    usageUser: null,
    failedLogins: 0,
    lockedUntil: null,
    disabled: false,
    createdAt: ctx.now(),
    lastLoginAt: null,
  };
  await ctx.identity.putOrg({ id: input.org, name: input.org, createdAt: ctx.now() });
  if (!(await ctx.identity.insertUser(user))) {
    throw new AppError('conflict', `${input.email} already has an account`);
  }
  await setMemberships(ctx, user, input.teams);
  await recordChange(ctx, input.org, by, 'user.create', {
    email: user.email,
    role: user.role,
    teams: input.teams,
  });
  return user;
}

export interface UserChange {
  role?: Role;
  name?: string;
  usageUser?: string | null;
  disabled?: boolean;
  /** Replaces the user's memberships. */
  teams?: Membership[];
}

/** Changes a user's role, name, usage identity, teams or disabled flag; only owners touch owners. */
export async function changeUser(
  ctx: AppContext,
  org: string,
  idOrEmail: string,
  change: UserChange,
  by: Principal,
): Promise<UserView> {
  demand(by, 'admin');
  const user = await findUser(ctx, org, idOrEmail);
  if (user.role === 'owner' || change.role === 'owner') ownerOnly(by, user.email);
  const demoted = change.role !== undefined && change.role !== 'owner';
  if (user.role === 'owner' && (demoted || change.disabled === true)) await keepAnOwner(ctx, org, user);
  const next: StoredUser = {
    ...user,
    role: change.role ?? user.role,
    name: change.name ?? user.name,
    usageUser: change.usageUser === undefined ? user.usageUser : change.usageUser,
    disabled: change.disabled ?? user.disabled,
  };
  if (change.teams) await checkTeams(ctx, org, change.teams);
  await ctx.identity.updateUser(next);
  if (change.teams) await setMemberships(ctx, next, change.teams);
  if (next.disabled) await ctx.identity.deleteSessions(org, { userId: user.id });
  await recordChange(ctx, org, by, 'user.update', { email: user.email, ...change });
  const members = (await ctx.identity.listTeamMembers(org)).filter((m) => m.userId === user.id);
  return view(next, members);
}

/** Removes a user, their memberships, sessions and the tokens they made; never the last owner. */
export async function removeUser(
  ctx: AppContext,
  org: string,
  idOrEmail: string,
  by: Principal,
): Promise<void> {
  demand(by, 'admin');
  const user = await findUser(ctx, org, idOrEmail);
  if (user.role === 'owner') {
    ownerOnly(by, user.email);
    await keepAnOwner(ctx, org, user);
  }
  await ctx.identity.deleteUser(org, user.id);
  const tokensRevoked = await revokeTokensOf(ctx, org, user.email);
  await recordChange(ctx, org, by, 'user.remove', { email: user.email, tokensRevoked });
}

/** Sets a new password and ends the user's sessions. `by` is the user themself (a reset link) or an admin. */
export async function setPassword(
  ctx: AppContext,
  user: StoredUser,
  password: string,
  by: Pick<Principal, 'actor'>,
): Promise<void> {
  checkPassword(password);
  await ctx.identity.updateUser({ ...user, passwordHash: await hashPassword(password) });
  await ctx.identity.deleteSessions(user.org, { userId: user.id });
  await recordChange(ctx, user.org, by, 'user.password', { email: user.email });
}

/** Refuses a change to an owner (`user`), or a grant of the owner role, by anyone but an owner. */
export function ownerOnly(by: Principal, email: string): void {
  if (!mayAssignRole(by, 'owner')) {
    throw new AppError(
      'forbidden',
      `only an owner may change or remove the owner ${email}, or make an owner`,
    );
  }
}

async function keepAnOwner(ctx: AppContext, org: string, leaving: StoredUser): Promise<void> {
  const owners = (await ctx.identity.listUsers(org)).filter((u) => u.role === 'owner' && !u.disabled);
  if (owners.every((u) => u.id === leaving.id)) {
    throw new AppError('conflict', `${leaving.email} is the last owner: make another user owner first`);
  }
}

/** Refuses memberships of teams that do not exist, naming them. */
export async function checkTeams(ctx: AppContext, org: string, teams: Membership[]): Promise<void> {
  const known = new Set((await ctx.identity.listTeams(org)).map((t) => t.name));
  const missing = teams.filter((t) => !known.has(t.team)).map((t) => t.team);
  if (missing.length) {
    throw new AppError(
      'not_found',
      `no team ${missing.join(', ')}: create it first (spendlens teams add <name>)`,
    );
  }
}

/** Replaces a user's team memberships (teams checked by `checkTeams`). */
async function setMemberships(ctx: AppContext, user: StoredUser, teams: Membership[]): Promise<void> {
  const current = (await ctx.identity.listTeamMembers(user.org)).filter((m) => m.userId === user.id);
  for (const old of current) {
    if (!teams.some((t) => t.team === old.team))
      await ctx.identity.deleteTeamMember(user.org, old.team, user.id);
  }
  for (const t of teams)
    await ctx.identity.putTeamMember({ org: user.org, team: t.team, userId: user.id, role: t.role });
}
