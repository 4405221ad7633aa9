import type { Command } from 'commander';
import type { ConfigFlags } from '../../config/load.ts';
import type { Config } from '../../config/schema.ts';
import {
  renderSubscriptions,
  type SubscriptionAddOptions,
  spreadNote,
  subscriptionsAdd,
  subscriptionsList,
  subscriptionsRemove,
  subscriptionsSpread,
} from './commands/subscriptions.ts';
import { type RemoteFlags, remoteOptions, withTarget } from './target.ts';

/** `spendlens subscriptions [add|remove]`: seats and fixed monthly fees, spread per day into the ledger. */
export function subscriptionCommands(program: Command, config: (extra?: ConfigFlags) => Config): void {
  const subscriptions = remoteOptions(
    program
      .command('subscriptions')
      .description(
        'seats and subscriptions (Cursor, Copilot, Claude, ChatGPT): fixed monthly fees per person or team',
      ),
  )
    .option('--json', 'print JSON')
    .action(async (opts: RemoteFlags & { json?: boolean }) => {
      const list = await withTarget(config(), opts, subscriptionsList);
      console.log(
        opts.json ? JSON.stringify(list, null, 2) : renderSubscriptions(list, process.stdout.isTTY),
      );
    });

  remoteOptions(
    subscriptions
      .command('add <id>')
      .description("add a seat or subscription; its fee is spread per day into the holder's spend"),
  )
    .requiredOption('--vendor <vendor>', 'cursor, copilot, claude, chatgpt or other')
    .requiredOption('--plan <plan>', 'the plan, e.g. "Pro" or "Business"')
    .requiredOption('--amount <amount>', 'the fee per month (per seat with --seats), e.g. 20')
    .requiredOption('--start <day>', 'the first day paid for, YYYY-MM-DD')
    .option('--user <user>', "the holder: a user's id or email, or the usage user name")
    .option('--team <team>', 'a team instead of one person')
    .option('--seats <n>', "with --team: how many seats (the amount is one seat's)")
    .option('--end <day>', 'the last day paid for, YYYY-MM-DD (default: still running)')
    .option('--currency <code>', 'the fee currency (default the reporting currency)')
    .option('--json', 'print JSON')
    .action(async (id: string, _opts: unknown, command: Command) => {
      // why: `subscriptions` itself takes --json, --server and --token, so commander hands them to the parent.
      const opts = command.optsWithGlobals<RemoteFlags & SubscriptionAddOptions & { json?: boolean }>();
      const added = await withTarget(config(), opts, (t) => subscriptionsAdd(t, id, opts, new Date()));
      if (opts.json) console.log(JSON.stringify(added, null, 2));
      else console.log(`${renderSubscriptions([added], process.stdout.isTTY)}\n${spreadNote(added)}`);
    });

  remoteOptions(
    subscriptions
      .command('remove <id>')
      .description('remove a subscription and its days from the ledger (to stop paying, give it an end day)'),
  ).action(async (id: string, _opts: unknown, command: Command) => {
    const opts = command.optsWithGlobals<RemoteFlags>();
    await withTarget(config(), opts, (t) => subscriptionsRemove(t, id, new Date()));
    console.log(`${id}: removed, with its days in the ledger.`);
  });

  subscriptions
    .command('spread')
    .description("write every subscription's days through today into the ledger (serve does it every hour)")
    .action(async () => {
      const r = await withTarget(config(), {}, (t) => subscriptionsSpread(t, new Date()));
      console.log(`${r.written} day records written, ${r.removed} removed.`);
    });
}
