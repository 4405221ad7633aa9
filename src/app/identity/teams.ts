import type { Principal, TeamRole } from '../../domain/access.ts';
import { AppError } from '../../domain/errors.ts';
import type { AppContext } from '../context.ts';
import { demand, teamName } from './guard.ts';
import { recordChange } from './secret.ts';
import { findUser, ownerOnly } from './users.ts';

/** A team with its members, as the API and CLI show it. */
export interface TeamView {
  name: string;
  createdAt: Date;
  members: { userId: string; email: string; name: string; role: TeamRole }[];
}

/** The org's teams with their members, by name. */
export async function listTeams(ctx: AppContext, org: string): Promise<TeamView[]> {
  const [teams, members, users] = await Promise.all([
    ctx.identity.listTeams(org),
    ctx.identity.listTeamMembers(org),
    ctx.identity.listUsers(org),
  ]);
  const byId = new Map(users.map((u) => [u.id, u]));
  return teams.map((t) => ({
    name: t.name,
    createdAt: t.createdAt,
    members: members
      .filter((m) => m.team === t.name)
      .flatMap((m) => {
        const u = byId.get(m.userId);
        return u ? [{ userId: u.id, email: u.email, name: u.name, role: m.role }] : [];
      }),
  }));
}

/** Creates a team; its name is the usage records' `team` value. `conflict` when it exists. */
export async function createTeam(
  ctx: AppContext,
  org: string,
  raw: string,
  by: Principal,
): Promise<TeamView> {
  demand(by, 'admin');
  const name = teamName(raw);
  if ((await ctx.identity.listTeams(org)).some((t) => t.name === name)) {
    throw new AppError('conflict', `team "${name}" already exists`);
  }
  const createdAt = ctx.now();
  await ctx.identity.putTeam({ org, name, createdAt });
  await recordChange(ctx, org, by, 'team.create', { team: name });
  return { name, createdAt, members: [] };
}

/** Deletes a team and its memberships; the usage records keep their `team` value. */
export async function deleteTeam(ctx: AppContext, org: string, name: string, by: Principal): Promise<void> {
  demand(by, 'admin');
  if (!(await ctx.identity.deleteTeam(org, name))) throw new AppError('not_found', `no team "${name}"`);
  await recordChange(ctx, org, by, 'team.delete', { team: name });
}

/** Adds a user to a team as `lead` or `member`, or changes their role in it; only owners change an owner's. */
export async function addMember(
  ctx: AppContext,
  org: string,
  input: { team: string; user: string; role: TeamRole },
  by: Principal,
): Promise<void> {
  demand(by, 'admin');
  await requireTeam(ctx, org, input.team);
  const user = await findUser(ctx, org, input.user);
  if (user.role === 'owner') ownerOnly(by, user.email);
  await ctx.identity.putTeamMember({ org, team: input.team, userId: user.id, role: input.role });
  await recordChange(ctx, org, by, 'team.member.add', {
    team: input.team,
    email: user.email,
    role: input.role,
  });
}

/** Takes a user out of a team; only owners change an owner's teams. */
export async function removeMember(
  ctx: AppContext,
  org: string,
  input: { team: string; user: string },
  by: Principal,
): Promise<void> {
  demand(by, 'admin');
  const user = await findUser(ctx, org, input.user);
  if (user.role === 'owner') ownerOnly(by, user.email);
  if (!(await ctx.identity.deleteTeamMember(org, input.team, user.id))) {
    throw new AppError('not_found', `${user.email} is not in team "${input.team}"`);
  }
  await recordChange(ctx, org, by, 'team.member.remove', { team: input.team, email: user.email });
}

/** `not_found`, with how to create it, unless the org has the team. */
export async function requireTeam(ctx: AppContext, org: string, name: string): Promise<void> {
  if (!(await ctx.identity.listTeams(org)).some((t) => t.name === name)) {
    throw new AppError('not_found', `no team "${name}": create it first (spendlens teams add ${name})`);
  }
}
