import Table from 'cli-table3';
import type { AppContext } from '../../../app/context.ts';
import { operator } from '../../../app/identity/guard.ts';
import { type InvitationLink, inviteUser, resetLink } from '../../../app/identity/invitations.ts';
import { findUser, listUsers, removeUser, setPassword, type UserView } from '../../../app/identity/users.ts';
import { ROLES, type Role } from '../../../domain/access.ts';
import { AppError } from '../../../domain/errors.ts';
import { callRemoteAsLocal, dateOf, type Remote, type Wire } from '../remote.ts';
import type { Target } from '../target.ts';

const org = (ctx: AppContext) => ctx.config.org;

/** `spendlens users add <email> --role <role> [--team t]…`: a one-time invitation link (emailed when SMTP is set). */
export async function usersAdd(
  target: Target,
  email: string,
  opts: { role?: string; team?: string[]; lead?: boolean },
): Promise<InvitationLink> {
  const role = parseRole(opts.role ?? 'member');
  const teams = (opts.team ?? []).map((team) => ({
    team,
    role: opts.lead ? ('lead' as const) : ('member' as const),
  }));
  if ('remote' in target) return remoteLink(target.remote, '/api/v1/invitations', { email, role, teams });
  return inviteUser(target.ctx, org(target.ctx), { email, role, teams }, operator(org(target.ctx)));
}

export async function usersList(target: Target): Promise<UserView[]> {
  if ('remote' in target) {
    const answer = (await callRemoteAsLocal(target.remote, 'GET', '/api/v1/users')) as {
      users: Wire<UserView>[];
    };
    return answer.users.map((u) => ({
      ...u,
      lockedUntil: dateOf(u.lockedUntil),
      createdAt: new Date(u.createdAt),
      lastLoginAt: dateOf(u.lastLoginAt),
    }));
  }
  return listUsers(target.ctx, org(target.ctx));
}

export async function usersRemove(target: Target, email: string): Promise<void> {
  if ('remote' in target) {
    await callRemoteAsLocal(target.remote, 'DELETE', `/api/v1/users/${encodeURIComponent(email)}`);
    return;
  }
  await removeUser(target.ctx, org(target.ctx), email, operator(org(target.ctx)));
}

/**
 * `spendlens users reset-password <email>`: a one-time link, or the password `readPassword` gives.
 * The server has no route that takes a password for someone else, so that one needs the local store.
 */
export async function usersResetPassword(
  target: Target,
  email: string,
  readPassword: (() => Promise<string>) | null,
): Promise<InvitationLink | null> {
  if ('remote' in target) {
    if (readPassword) {
      throw new AppError(
        'bad_request',
        '--password-stdin sets the password in the store itself, which the server holds: stop the server ' +
          'and run this again, or leave out --password-stdin to get a one-time link through the server',
      );
    }
    return remoteLink(target.remote, `/api/v1/users/${encodeURIComponent(email)}/reset-password`, {});
  }
  const ctx = target.ctx;
  if (readPassword === null) return resetLink(ctx, org(ctx), email, operator(org(ctx)));
  const user = await findUser(ctx, org(ctx), email);
  await setPassword(ctx, user, await readPassword(), operator(org(ctx)));
  return null;
}

async function remoteLink(remote: Remote, path: string, body: unknown): Promise<InvitationLink> {
  const answer = (await callRemoteAsLocal(remote, 'POST', path, body)) as Wire<InvitationLink>;
  return { ...answer, expiresAt: new Date(answer.expiresAt) };
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
