import Table from 'cli-table3';
import type { AppContext } from '../../../app/context.ts';
import { operator } from '../../../app/identity/guard.ts';
import {
  addMember,
  createTeam,
  deleteTeam,
  listTeams,
  removeMember,
  type TeamView,
} from '../../../app/identity/teams.ts';
import { callRemoteAsLocal, type Wire } from '../remote.ts';
import type { Target } from '../target.ts';

const org = (ctx: AppContext) => ctx.config.org;
const teamPath = (name: string) => `/api/v1/teams/${encodeURIComponent(name)}`;

/** `spendlens teams add|list|remove|add-member|remove-member`, on the store as the local operator or through a server. */
export async function teamsAdd(target: Target, name: string): Promise<void> {
  if ('remote' in target) await callRemoteAsLocal(target.remote, 'POST', '/api/v1/teams', { name });
  else await createTeam(target.ctx, org(target.ctx), name, operator(org(target.ctx)));
}

export async function teamsList(target: Target): Promise<TeamView[]> {
  if ('remote' in target) {
    const answer = (await callRemoteAsLocal(target.remote, 'GET', '/api/v1/teams')) as {
      teams: Wire<TeamView>[];
    };
    return answer.teams.map((t) => ({ ...t, createdAt: new Date(t.createdAt) }));
  }
  return listTeams(target.ctx, org(target.ctx));
}

export async function teamsRemove(target: Target, name: string): Promise<void> {
  if ('remote' in target) await callRemoteAsLocal(target.remote, 'DELETE', teamPath(name));
  else await deleteTeam(target.ctx, org(target.ctx), name, operator(org(target.ctx)));
}

export async function teamsAddMember(target: Target, team: string, email: string, lead: boolean) {
  const role = lead ? ('lead' as const) : ('member' as const);
  if ('remote' in target) {
    await callRemoteAsLocal(target.remote, 'POST', `${teamPath(team)}/members`, { user: email, role });
  } else {
    const ctx = target.ctx;
    await addMember(ctx, org(ctx), { team, user: email, role }, operator(org(ctx)));
  }
}

export async function teamsRemoveMember(target: Target, team: string, email: string) {
  if ('remote' in target) {
    const path = `${teamPath(team)}/members/${encodeURIComponent(email)}`;
    await callRemoteAsLocal(target.remote, 'DELETE', path);
  } else {
    await removeMember(target.ctx, org(target.ctx), { team, user: email }, operator(org(target.ctx)));
  }
}

export function renderTeams(teams: TeamView[], color: boolean): string {
  if (teams.length === 0) return "No teams yet: spendlens teams add <name> (the usage records' team value)";
  const table = new Table({
    head: ['Team', 'Leads', 'Members'],
    style: { head: color ? ['cyan'] : [], border: color ? ['grey'] : [] },
  });
  for (const t of teams) {
    const of = (role: string) =>
      t.members
        .filter((m) => m.role === role)
        .map((m) => m.email)
        .join(', ') || '–';
    table.push([t.name, of('lead'), of('member')]);
  }
  return table.toString();
}
