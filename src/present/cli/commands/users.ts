import Table from 'cli-table3';
import type { AppContext } from '../../../app/context.ts';
import { operator } from '../../../app/identity/guard.ts';
import { type InvitationLink, inviteUser, resetLink } from '../../../app/identity/invitations.ts';
import { findUser, listUsers, removeUser, setPassword, type UserView } from '../../../app/identity/users.ts';
import type { Config } from '../../../config/schema.ts';
import { ROLES, type Role } from '../../../domain/access.ts';
import { AppError } from '../../../domain/errors.ts';
import { openForCli } from '../open.ts';

/** Runs an identity command on the embedded (or configured) store as the local operator. */
export async function withStore<T>(config: Config, run: (ctx: AppContext) => Promise<T>): Promise<T> {
  const ctx = await openForCli(config);
  try {
    return await run(ctx);
  } finally {
    await ctx.store.close();
  }
}

/** `spendlens users add <email> --role <role> [--team t]…`: a one-time invitation link (emailed when SMTP is set). */
export async function usersAdd(
  ctx: AppContext,
  email: string,
  opts: { role?: string; team?: string[]; lead?: boolean },
): Promise<InvitationLink> {
  const role = parseRole(opts.role ?? 'member');
  const teams = (opts.team ?? []).map((team) => ({
    team,
    role: opts.lead ? ('lead' as const) : ('member' as const),
  }));
  const org = ctx.config.org;
  return inviteUser(ctx, org, { email, role, teams }, operator(org));
}

export const usersList = (ctx: AppContext) => listUsers(ctx, ctx.config.org);

export const usersRemove = (ctx: AppContext, email: string) =>
  removeUser(ctx, ctx.config.org, email, operator(ctx.config.org));

/** `spendlens users reset-password <email>`: a one-time link, or the password given on stdin. */
export async function usersResetPassword(
  ctx: AppContext,
  email: string,
  password: string | null,
): Promise<InvitationLink | null> {
  const org = ctx.config.org;
  if (password === null) return resetLink(ctx, org, email, operator(org));
  await setPassword(ctx, await findUser(ctx, org, email), password, operator(org));
  return null;
}

/** Reads a password piped to stdin, without its trailing newline. */
export async function readStdinPassword(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

export function describeLink(what: string, link: InvitationLink): string[] {
  const lines = [`${what}: ${link.url}`, `  works once, until ${link.expiresAt.toISOString()}`];
  if (link.emailed) lines.push('  emailed');
  if (link.emailError) lines.push(`  not emailed: ${link.emailError}; send the link yourself`);
  return lines;
}

export function renderUsers(users: UserView[], color: boolean): string {
  if (users.length === 0) return 'No users yet: spendlens users add <email> --role owner';
  const table = new Table({
    head: ['Email', 'Name', 'Role', 'Teams', 'Last sign-in'],
    style: { head: color ? ['cyan'] : [], border: color ? ['grey'] : [] },
  });
  for (const u of users) {
    const teams = u.teams.map((t) => (t.role === 'lead' ? `${t.team} (lead)` : t.team)).join(', ');
    const last = u.lastLoginAt ? u.lastLoginAt.toISOString().slice(0, 16).replace('T', ' ') : 'never';
    table.push([u.email, u.name, u.disabled ? `${u.role} (disabled)` : u.role, teams || '–', last]);
  }
  return table.toString();
}

function parseRole(raw: string): Role {
  const role = ROLES.find((r) => r === raw);
  if (!role) throw new AppError('bad_request', `--role must be one of ${ROLES.join(', ')}, not "${raw}"`);
  return role;
}
