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

const org = (ctx: AppContext) => ctx.config.org;

/** `spendlens teams add|list|remove|add-member|remove-member`, on the store as the local operator. */
export const teamsAdd = (ctx: AppContext, name: string) =>
  createTeam(ctx, org(ctx), name, operator(org(ctx)));
export const teamsList = (ctx: AppContext) => listTeams(ctx, org(ctx));
export const teamsRemove = (ctx: AppContext, name: string) =>
  deleteTeam(ctx, org(ctx), name, operator(org(ctx)));

export const teamsAddMember = (ctx: AppContext, team: string, email: string, lead: boolean) =>
  addMember(ctx, org(ctx), { team, user: email, role: lead ? 'lead' : 'member' }, operator(org(ctx)));

export const teamsRemoveMember = (ctx: AppContext, team: string, email: string) =>
  removeMember(ctx, org(ctx), { team, user: email }, operator(org(ctx)));

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
