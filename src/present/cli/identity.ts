import type { Command } from 'commander';
import type { Config } from '../../config/schema.ts';
import {
  renderTeams,
  teamsAdd,
  teamsAddMember,
  teamsList,
  teamsRemove,
  teamsRemoveMember,
} from './commands/teams.ts';
import { renderTokens, tokensCreate, tokensList, tokensRevoke } from './commands/tokens.ts';
import {
  describeLink,
  readStdinPassword,
  renderUsers,
  usersAdd,
  usersList,
  usersRemove,
  usersResetPassword,
  withStore,
} from './commands/users.ts';

const collect = (value: string, previous: string[] = []) => [
  ...previous,
  ...value.split(',').filter(Boolean),
];

/** `spendlens users …`, `teams …` and `tokens …`: they work on the store directly, as the local operator. */
export function identityCommands(program: Command, config: () => Config): void {
  const color = () => process.stdout.isTTY;
  const users = program
    .command('users')
    .description('people who sign in: invite, list, remove, reset a password');
  users
    .command('add <email>')
    .description('invite someone: prints a one-time link (and emails it when SMTP is set)')
    .option('--role <role>', 'owner, admin, analyst or member', 'member')
    .option('--team <team>', 'a team to join (repeat, or a comma list)', collect)
    .option('--lead', 'lead the teams given with --team')
    .action(async (email: string, opts: { role?: string; team?: string[]; lead?: boolean }) => {
      const link = await withStore(config(), (ctx) => usersAdd(ctx, email, opts));
      for (const line of describeLink(`invitation for ${email.toLowerCase()}`, link)) console.log(line);
    });
  users
    .command('list')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const list = await withStore(config(), usersList);
      console.log(opts.json ? JSON.stringify(list, null, 2) : renderUsers(list, color()));
    });
  users.command('remove <email>').action(async (email: string) => {
    await withStore(config(), (ctx) => usersRemove(ctx, email));
    console.log(`${email}: removed, with their sessions`);
  });
  users
    .command('reset-password <email>')
    .description('print a one-time link to set a new password, or set the one piped in')
    .option('--password-stdin', 'read the new password from stdin')
    .action(async (email: string, opts: { passwordStdin?: boolean }) => {
      const password = opts.passwordStdin ? await readStdinPassword() : null;
      const link = await withStore(config(), (ctx) => usersResetPassword(ctx, email, password));
      if (link) for (const line of describeLink(`password reset for ${email}`, link)) console.log(line);
      else console.log(`${email}: password set; their sessions ended`);
    });

  const teams = program.command('teams').description("teams: a team's name is the usage records' team value");
  teams.command('add <name>').action(async (name: string) => {
    await withStore(config(), (ctx) => teamsAdd(ctx, name));
    console.log(`team ${name}: created`);
  });
  teams
    .command('list')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const list = await withStore(config(), teamsList);
      console.log(opts.json ? JSON.stringify(list, null, 2) : renderTeams(list, color()));
    });
  teams.command('remove <name>').action(async (name: string) => {
    await withStore(config(), (ctx) => teamsRemove(ctx, name));
    console.log(`team ${name}: removed (its usage records keep their team value)`);
  });
  teams
    .command('add-member <team> <email>')
    .option('--lead', 'as the team lead (manages its budgets and alert routes)')
    .action(async (team: string, email: string, opts: { lead?: boolean }) => {
      await withStore(config(), (ctx) => teamsAddMember(ctx, team, email, opts.lead ?? false));
      console.log(`${email}: ${opts.lead ? 'lead' : 'member'} of ${team}`);
    });
  teams.command('remove-member <team> <email>').action(async (team: string, email: string) => {
    await withStore(config(), (ctx) => teamsRemoveMember(ctx, team, email));
    console.log(`${email}: no longer in ${team}`);
  });

  const tokens = program
    .command('tokens')
    .description('API tokens: scoped, optionally bound to a team, stored hashed');
  tokens
    .command('create')
    .requiredOption('--scope <scopes>', 'ingest, read, admin (comma list)')
    .option('--team <team>', "bind the token to one team's spend")
    .option('--label <label>', 'a name to recognise it by')
    .action(async (opts: { scope: string; team?: string; label?: string }) => {
      const made = await withStore(config(), (ctx) => tokensCreate(ctx, opts));
      console.log(
        `${made.id} (${made.label}; ${made.scopes.join(',')}${made.team ? `; team ${made.team}` : ''})`,
      );
      console.log(`token (shown once; it is stored hashed): ${made.token}`);
    });
  tokens
    .command('list')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const list = await withStore(config(), tokensList);
      console.log(opts.json ? JSON.stringify(list, null, 2) : renderTokens(list, color()));
    });
  tokens.command('revoke <id>').action(async (id: string) => {
    await withStore(config(), (ctx) => tokensRevoke(ctx, id));
    console.log(`${id}: revoked`);
  });
}
