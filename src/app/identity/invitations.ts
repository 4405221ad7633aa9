import { atLeast, mayAssignRole, type Principal, type Role } from '../../domain/access.ts';
import { AppError } from '../../domain/errors.ts';
import type { StoredInvitation, StoredUser } from '../../store/types.ts';
import { hashToken } from '../auth.ts';
import type { AppContext } from '../context.ts';
import { linkMakerRole } from './creator.ts';
import { demand, normalEmail } from './guard.ts';
import { sendMail } from './mail.ts';
import { checkPassword } from './passwords.ts';
import { newSecret, recordChange } from './secret.ts';
import { creatorOf } from './tokens.ts';
import { checkTeams, createUser, findUser, type Membership, setPassword } from './users.ts';

/** A one-time link is good for 7 days. */
export const INVITATION_MS = 7 * 86_400_000;

/** A link to hand over: its URL (shown once), and whether it was emailed. */
export interface InvitationLink {
  url: string;
  expiresAt: Date;
  emailed: boolean;
  /** Why emailing failed; the link still works. */
  emailError?: string;
}

const GONE = 'this link is not valid: it was used already, it expired, or it never existed';

/** Invites someone by email with a role and teams; the link is emailed when SMTP is configured. */
export async function inviteUser(
  ctx: AppContext,
  org: string,
  input: { email: string; role: Role; teams: Membership[] },
  by: Principal,
  base?: string,
): Promise<InvitationLink> {
  demand(by, 'admin');
  if (!mayAssignRole(by, input.role)) throw new AppError('forbidden', 'only an owner may invite an owner');
  const email = normalEmail(input.email);
  await checkTeams(ctx, org, input.teams);
  if (await ctx.identity.findUserByEmail(email)) {
    throw new AppError('conflict', `${email} already has an account`);
  }
  const link = await issue(
    ctx,
    { org, kind: 'invite', email, role: input.role, teams: input.teams },
    { actor: creatorOf(by) },
    base,
  );
  await recordChange(ctx, org, by, 'invitation.create', { email, role: input.role, teams: input.teams });
  const text = `You are invited to spendlens as ${input.role}. Open this link within 7 days to set your password:\n\n${link.url}\n`;
  return { ...link, ...(await mail(ctx, email, 'Your spendlens invitation', text)) };
}

/** A one-time link that sets a new password for an existing user. */
export async function resetLink(
  ctx: AppContext,
  org: string,
  idOrEmail: string,
  by: Principal,
  base?: string,
): Promise<InvitationLink> {
  demand(by, 'admin');
  const user = await findUser(ctx, org, idOrEmail);
  if (user.role === 'owner' && !mayAssignRole(by, 'owner')) {
    throw new AppError('forbidden', 'only an owner may reset an owner’s password');
  }
  const link = await issue(
    ctx,
    { org, kind: 'reset', email: user.email, role: user.role, teams: [] },
    { actor: creatorOf(by) },
    base,
  );
  await recordChange(ctx, org, by, 'invitation.reset', { email: user.email });
  return link;
}

/** The first start's link: whoever opens it first names their email and becomes the owner. */
export async function setupLink(ctx: AppContext, org: string, base?: string): Promise<InvitationLink> {
  const spendlens = { actor: 'spendlens' };
  return issue(ctx, { org, kind: 'setup', email: null, role: 'owner', teams: [] }, spendlens, base);
}

/** What a link is for, so the page can say so; `not_found` when it cannot be used. */
export async function describeInvitation(ctx: AppContext, token: string): Promise<StoredInvitation> {
  const found = await ctx.identity.getInvitation(hashToken(token));
  if (!found || found.acceptedAt || found.expiresAt <= ctx.now()) throw new AppError('not_found', GONE);
  return found;
}

/** Uses a link once: creates the invited user (or the first owner), or sets the new password. */
export async function acceptInvitation(
  ctx: AppContext,
  token: string,
  input: { name?: string; password: string; email?: string },
): Promise<StoredUser> {
  const found = await describeInvitation(ctx, token);
  checkPassword(input.password);
  const email = found.email ?? normalEmail(input.email ?? '');
  const self = { actor: `user:${email}` };
  if (found.kind === 'reset') {
    const user = await findUser(ctx, found.org, email);
    await requireMaker(ctx, found, user.role);
    await consume(ctx, token);
    await setPassword(ctx, user, input.password, self);
    return user;
  }
  const name = input.name?.trim() || email;
  if (await ctx.identity.findUserByEmail(email)) {
    throw new AppError('conflict', `${email} already has an account`);
  }
  if (found.kind === 'setup' && (await ctx.identity.listUsers(found.org)).length > 0) {
    throw new AppError('conflict', 'this spendlens has an owner already: ask them for an invitation');
  }
  if (found.kind === 'invite') await requireMaker(ctx, found, found.role);
  await consume(ctx, token);
  const user = {
    org: found.org,
    email,
    name,
    role: found.role,
    password: input.password,
    teams: found.teams,
  };
  return createUser(ctx, user, self);
}

/**
 * Refuses a link whose maker may no longer grant it: removed, disabled or demoted since, or (for an
 * owner's role or an owner's password) not an owner now.
 */
async function requireMaker(ctx: AppContext, link: StoredInvitation, role: Role): Promise<void> {
  const maker = await linkMakerRole(ctx, link);
  if (maker && atLeast(maker, 'admin') && (role !== 'owner' || maker === 'owner')) return;
  throw new AppError(
    'forbidden',
    'whoever made this link may no longer grant it: ask an admin (or an owner) for a new one',
  );
}

async function consume(ctx: AppContext, token: string): Promise<void> {
  if (!(await ctx.identity.consumeInvitation(hashToken(token), ctx.now()))) {
    throw new AppError('not_found', GONE);
  }
}

async function issue(
  ctx: AppContext,
  what: Pick<StoredInvitation, 'org' | 'kind' | 'email' | 'role' | 'teams'>,
  by: Pick<Principal, 'actor'>,
  base?: string,
): Promise<InvitationLink> {
  const { secret, hash } = newSecret('inv');
  const now = ctx.now();
  const expiresAt = new Date(now.getTime() + INVITATION_MS);
  await ctx.identity.putOrg({ id: what.org, name: what.org, createdAt: now });
  await ctx.identity.insertInvitation({
    ...what,
    tokenHash: hash,
    createdBy: by.actor,
    createdAt: now,
    expiresAt,
    acceptedAt: null,
  });
  return { url: `${linkBase(ctx, base)}/invite/${secret}`, expiresAt, emailed: false };
}

/** Where links point: the configured dashboard address, else the caller's, else the configured listener. */
export function linkBase(ctx: AppContext, base?: string): string {
  const server = ctx.config.server;
  const own = `http://${server.host === '0.0.0.0' ? 'localhost' : server.host}:${server.port}`;
  return (ctx.config.alerts.dashboardUrl ?? base ?? own).replace(/\/+$/, '');
}

async function mail(ctx: AppContext, to: string, subject: string, text: string) {
  if (!ctx.config.smtp.url) return { emailed: false };
  try {
    await sendMail(ctx.config.smtp, { to, subject, text });
    return { emailed: true };
  } catch (error) {
    return { emailed: false, emailError: (error as Error).message };
  }
}
