import type { Command } from 'commander';
import type { ConfigFlags } from '../../config/load.ts';
import type { Config } from '../../config/schema.ts';
import { alertsList, alertsTest, channelsList, renderAlerts, renderChannels } from './commands/alerts.ts';
import { budgetsList, renderBudgets } from './commands/budgets.ts';
import { type BudgetAddOptions, budgetsAdd } from './commands/budgets-add.ts';
import {
  notSentNote,
  renderReportList,
  renderShown,
  reportShow,
  reportsList,
  reportsRun,
} from './commands/reports.ts';
import { positive } from './options.ts';
import { type RemoteFlags, remoteOptions, withTarget } from './target.ts';

/** `spendlens alerts, channels, budgets and archived reports`. */
export function alertingCommands(program: Command, config: (extra?: ConfigFlags) => Config): void {
  const alerts = remoteOptions(
    program.command('alerts').description('alerts raised, newest first, with each channel’s delivery'),
  )
    .option('--limit <n>', 'how many (default 20)')
    .option('--event <list>', 'only these events, e.g. threshold_crossed,anomaly_detected')
    .option('--json', 'print JSON')
    .action(async (opts: RemoteFlags & { limit?: string; event?: string; json?: boolean }) => {
      const list = await withTarget(config(), opts, (t) => alertsList(t, opts));
      console.log(opts.json ? JSON.stringify(list, null, 2) : renderAlerts(list, process.stdout.isTTY));
    });

  remoteOptions(alerts.command('test <channel>').description('send a test message on a channel now')).action(
    async (channel: string, opts: RemoteFlags) => {
      const r = await withTarget(config(), opts, (t) => alertsTest(t, channel));
      if (r.delivered) console.log(`${channel}: test message delivered`);
      else {
        console.error(`spendlens: ${channel}: ${r.error ?? 'not delivered'}`);
        process.exitCode = 1;
      }
    },
  );

  remoteOptions(program.command('channels').description('alert channels: where alerts go, and which'))
    .option('--json', 'print JSON')
    .action(async (opts: RemoteFlags & { json?: boolean }) => {
      const list = await withTarget(config(), opts, channelsList);
      console.log(opts.json ? JSON.stringify(list, null, 2) : renderChannels(list, process.stdout.isTTY));
    });

  const budgets = remoteOptions(
    program
      .command('budgets')
      .description('budgets: spent, percent, projected end-of-period spend, state and when each resets'),
  )
    .option('--json', 'print JSON')
    .action(async (opts: RemoteFlags & { json?: boolean }) => {
      const list = await withTarget(config(), opts, (t) => budgetsList(t, new Date()));
      console.log(opts.json ? JSON.stringify(list, null, 2) : renderBudgets(list, process.stdout.isTTY));
    });

  remoteOptions(budgets.command('add <name>').description('add a budget; its id is made from the name'))
    .requiredOption('--amount <amount>', 'the budget per period in the reporting currency, e.g. 500')
    .option('--period <period>', 'day, week or month (default month)')
    .option('--scope <scope>', 'org (default), team=ml, user=* (each user on its own), tag:env=prod')
    .option('--id <id>', 'the id instead of one made from the name')
    .option('--currency <code>', 'the budget currency (default the reporting currency)')
    .option('--json', 'print JSON')
    .action(async (name: string, _opts: unknown, command: Command) => {
      // why: `budgets` itself takes --json, --server and --token, so commander hands them to the parent.
      const opts = command.optsWithGlobals<RemoteFlags & BudgetAddOptions & { json?: boolean }>();
      const budget = await withTarget(config(), opts, (t) => budgetsAdd(t, name, opts, new Date()));
      console.log(
        opts.json ? JSON.stringify(budget, null, 2) : renderBudgets([budget], process.stdout.isTTY),
      );
    });

  const reports = remoteOptions(
    program.command('reports').description('archived daily summaries and weekly reports, newest first'),
  )
    .option('--kind <kind>', 'daily or weekly')
    .option('--limit <n>', 'how many (default 50)', positive)
    .option('--json', 'print JSON')
    .action(async (opts: RemoteFlags & { kind?: string; limit?: number; json?: boolean }) => {
      const list = await withTarget(config(), opts, (t) => reportsList(t, opts));
      console.log(opts.json ? JSON.stringify(list, null, 2) : renderReportList(list, process.stdout.isTTY));
    });

  remoteOptions(
    reports.command('show <id>').description('one report: a summary, the full --html page or --csv'),
  )
    .option('--html', 'print the HTML page (as emailed)')
    .option('--csv', 'print the figures as CSV')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: RemoteFlags & { html?: boolean; csv?: boolean; json?: boolean }) => {
      const report = await withTarget(config(), opts, (t) => reportShow(t, id));
      process.stdout.write(renderShown(report, opts));
    });

  remoteOptions(
    reports
      .command('run <kind>')
      .description('archive and send the daily summary (yesterday) or the weekly report (last ISO week) now'),
  )
    .option('--date <day>', 'the day (daily) or any day of the ISO week (weekly), YYYY-MM-DD')
    .option('--send', 'send a past report to the channels too (the latest one is always sent)')
    .option('--json', 'print JSON')
    .action(async (kind: string, opts: RemoteFlags & { date?: string; send?: boolean; json?: boolean }) => {
      const run = await withTarget(config(), opts, (t) => reportsRun(t, kind, opts.date, opts.send));
      process.stdout.write(renderShown(run.report, opts));
      if (run.sent === false && !opts.json)
        process.stderr.write(notSentNote(run.report, run.past, opts.send));
    });
}
