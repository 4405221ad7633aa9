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
} from './commands/users.ts';
import { type RemoteFlags, remoteOptions, withTarget } from './target.ts';

const collect = (value: string, previous: string[] = []) => [
  ...previous,
  ...value.split(',').filter(Boolean),
];

/**
 * `spendlens users …`, `teams …` and `tokens …`: on the store as the local operator, or through a
 * running server with an admin-scoped token (--server, --token).
 */
export function identityCommands(program: Command, config: () => Config): void {
  const color = () => process.stdout.isTTY;
  const users = program
    .command('users')
    .description('people who sign in: invite, list, remove, reset a password');
  remoteOptions(users.command('add <email>'))
    .description('invite someone: prints a one-time link (and emails it when SMTP is set)')
    .option('--role <role>', 'owner, admin, analyst or member', 'member')
    .option('--team <team>', 'a team to join (repeat, or a comma list)', collect)
    .option('--lead', 'lead the teams given with --team')
    .action(async (email: string, opts: RemoteFlags & { role?: string; team?: string[]; lead?: boolean }) => {
      const link = await withTarget(config(), opts, (t) => usersAdd(t, email, opts));
      for (const line of describeLink(`invitation for ${email.toLowerCase()}`, link)) console.log(line);
    });
  remoteOptions(users.command('list'))
    .option('--json', 'print JSON')
    .action(async (opts: RemoteFlags & { json?: boolean }) => {
      const list = await withTarget(config(), opts, usersList);
      console.log(opts.json ? JSON.stringify(list, null, 2) : renderUsers(list, color()));
    });
  remoteOptions(users.command('remove <email>')).action(async (email: string, opts: RemoteFlags) => {
    await withTarget(config(), opts, (t) => usersRemove(t, email));
    console.log(`${email}: removed, with their sessions`);
  });
  remoteOptions(users.command('reset-password <email>'))
    .description('print a one-time link to set a new password, or set the one piped in (local store only)')
    .option('--password-stdin', 'read the new password from stdin')
    .action(async (email: string, opts: RemoteFlags & { passwordStdin?: boolean }) => {
      const read = opts.passwordStdin ? readStdinPassword : null;
      const link = await withTarget(config(), opts, (t) => usersResetPassword(t, email, read));
      if (link) for (const line of describeLink(`password reset for ${email}`, link)) console.log(line);
      else console.log(`${email}: password set; their sessions ended`);
    });

  const teams = program.command('teams').description("teams: a team's name is the usage records' team value");
  remoteOptions(teams.command('add <name>')).action(async (name: string, opts: RemoteFlags) => {
    await withTarget(config(), opts, (t) => teamsAdd(t, name));
    console.log(`team ${name}: created`);
  });
  remoteOptions(teams.command('list'))
    .option('--json', 'print JSON')
    .action(async (opts: RemoteFlags & { json?: boolean }) => {
      const list = await withTarget(config(), opts, teamsList);
      console.log(opts.json ? JSON.stringify(list, null, 2) : renderTeams(list, color()));
    });
  remoteOptions(teams.command('remove <name>')).action(async (name: string, opts: RemoteFlags) => {
    await withTarget(config(), opts, (t) => teamsRemove(t, name));
    console.log(`team ${name}: removed (its usage records keep their team value)`);
  });
  remoteOptions(teams.command('add-member <team> <email>'))
    .option('--lead', 'as the team lead (manages its budgets and alert routes)')
    .action(async (team: string, email: string, opts: RemoteFlags & { lead?: boolean }) => {
      await withTarget(config(), opts, (t) => teamsAddMember(t, team, email, opts.lead ?? false));
      console.log(`${email}: ${opts.lead ? 'lead' : 'member'} of ${team}`);
    });
  remoteOptions(teams.command('remove-member <team> <email>')).action(
    async (team: string, email: string, opts: RemoteFlags) => {
      await withTarget(config(), opts, (t) => teamsRemoveMember(t, team, email));
      console.log(`${email}: no longer in ${team}`);
    },
  );

  const tokens = program
    .command('tokens')
    .description('API tokens: scoped, optionally bound to a team, stored hashed');
  remoteOptions(tokens.command('create'))
    .requiredOption('--scope <scopes>', 'ingest, read, admin (comma list)')
    .option('--team <team>', "bind the token to one team's spend")
    .option('--label <label>', 'a name to recognise it by')
    .action(async (opts: RemoteFlags & { scope: string; team?: string; label?: string }) => {
      const made = await withTarget(config(), opts, (t) => tokensCreate(t, opts));
      console.log(
        `${made.id} (${made.label}; ${made.scopes.join(',')}${made.team ? `; team ${made.team}` : ''})`,
      );
      console.log(`token (shown once; it is stored hashed): ${made.token}`);
    });
  remoteOptions(tokens.command('list'))
    .option('--json', 'print JSON')
    .action(async (opts: RemoteFlags & { json?: boolean }) => {
      const list = await withTarget(config(), opts, tokensList);
      console.log(opts.json ? JSON.stringify(list, null, 2) : renderTokens(list, color()));
    });
  remoteOptions(tokens.command('revoke <id>')).action(async (id: string, opts: RemoteFlags) => {
    await withTarget(config(), opts, (t) => tokensRevoke(t, id));
    console.log(`${id}: revoked`);
  });
}
