import type { Command } from 'commander';
import type { ConfigFlags } from '../../config/load.ts';
import type { Config } from '../../config/schema.ts';
import { AppError } from '../../domain/errors.ts';
import { describeImport, importFile } from './commands/import.ts';
import { exportFocusFile, reconcileData, renderReconcile } from './commands/reconcile.ts';
import { reportData } from './commands/report.ts';
import { reportCsv } from './commands/report-csv.ts';
import { renderSummary, renderTable } from './commands/report-render.ts';
import { serve } from './commands/serve.ts';
import { watchFolder } from './commands/watch.ts';
import { positive } from './options.ts';
import { type RemoteFlags, remoteOptions, withTarget } from './target.ts';

/** `spendlens serve, import, report, reconcile and export: the ledger in and out`. */
export function ledgerCommands(program: Command, config: (extra?: ConfigFlags) => Config): void {
  program
    .command('serve')
    .description('run the API and dashboard on the configured store')
    .option('-p, --port <port>', 'port to listen on (env SPENDLENS_PORT, default 4180)', (v) => Number(v))
    .option('--demo', 'fill an empty ledger with 90 days of demo spend')
    .action(async (opts: { port?: number; demo?: boolean }) => {
      await serve(config({ port: opts.port }), { demo: opts.demo ?? false });
    });

  remoteOptions(
    program
      .command('import [file]')
      .description('import usage records from a JSONL or CSV file, or watch a folder of billing exports')
      .option(
        '--format <format>',
        'jsonl, csv, focus (FOCUS 1.0–1.2 CSV) or gcp-billing (Cloud Billing export JSON lines or CSV); default: from the extension',
      )
      .option('--source <name>', 'source name for records that carry none')
      .option('--watch <dir>', 'import FOCUS and Cloud Billing exports as they appear in this folder')
      .option('--interval <seconds>', 'how often --watch looks at the folder (default 30)', positive)
      .option('--json', 'print the result as JSON'),
  ).action(
    async (
      file: string | undefined,
      opts: RemoteFlags & {
        format?: string;
        source?: string;
        watch?: string;
        interval?: number;
        json?: boolean;
      },
    ) => {
      if (opts.watch) {
        const { watch } = opts;
        const abort = new AbortController();
        for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => abort.abort());
        await withTarget(config(), opts, (target) =>
          watchFolder(watch, target, {
            intervalMs: (opts.interval ?? 30) * 1000,
            signal: abort.signal,
            onImport: (f, s) =>
              console.log(opts.json ? JSON.stringify({ file: f, ...s }) : describeImport(f, s).join('\n')),
          }),
        );
        return;
      }
      if (!file) throw new AppError('bad_request', 'name a file to import, or pass --watch DIR');
      const summary = await withTarget(config(), opts, (target) =>
        importFile(file, target, { ...opts, progress: !opts.json && process.stderr.isTTY }),
      );
      console.log(opts.json ? JSON.stringify(summary, null, 2) : describeImport(file, summary).join('\n'));
      if (summary.rejected.length) process.exitCode = 1;
    },
  );

  remoteOptions(
    program
      .command('report')
      .description(
        "a period's spend: plain, the total and the top teams, models, users and projects; with --by/--group, rows",
      )
      .option(
        '--period <name>',
        'today, 7d, 30d, this-week, last-week, this-month or last-month (default 30d)',
      )
      .option('--since <date>', 'first day, YYYY-MM-DD (instead of --period)')
      .option('--until <date>', 'last day, YYYY-MM-DD (default: today)')
      .option('--by <bucket>', 'one row per hour, day, week or month')
      .option(
        '--group <dims>',
        'comma list: provider, model, user, team, project, context, apiKey, source, tag:<key>',
      )
      .option('--all', 'every row (the table shows the top 10 of each grouping)')
      .option('--tz <zone>', 'time zone of the days (default: config timezone)')
      .option('--json', 'print JSON, every row')
      .option('--csv', 'print CSV, every row'),
  ).action(
    async (
      opts: RemoteFlags & {
        period?: string;
        by?: string;
        group?: string;
        since?: string;
        until?: string;
        tz?: string;
        all?: boolean;
        json?: boolean;
        csv?: boolean;
      },
    ) => {
      if (opts.json && opts.csv) throw new AppError('bad_request', '--json or --csv, not both');
      const cfg = config();
      const data = await withTarget(cfg, opts, (target) =>
        reportData(target, { ...opts, tz: opts.tz ?? cfg.timezone }, new Date()),
      );
      const all = opts.all ?? false;
      if (opts.json) console.log(JSON.stringify(data, null, 2));
      else if (opts.csv) process.stdout.write(reportCsv(data));
      else console.log(data.kind === 'table' ? renderTable(data, { all }) : renderSummary(data, { all }));
    },
  );

  remoteOptions(
    program
      .command('reconcile')
      .description("the provider's billed cost against spendlens's estimate, per day, provider and project"),
  )
    .option('--since <date>', 'first day, YYYY-MM-DD (default: 30 days ago)')
    .option('--until <date>', 'last day, YYYY-MM-DD (default: today)')
    .option('--json', 'print JSON')
    .action(async (opts: RemoteFlags & { since?: string; until?: string; json?: boolean }) => {
      const data = await withTarget(config(), opts, (t) => reconcileData(t, opts, new Date()));
      console.log(opts.json ? JSON.stringify(data, null, 2) : renderReconcile(data));
    });

  remoteOptions(program.command('export').description('export the ledger'))
    .requiredOption('--focus <file>', 'write FOCUS 1.2 CSV to this file')
    .option('--since <date>', 'first day, YYYY-MM-DD (default: 30 days ago)')
    .option('--until <date>', 'last day, YYYY-MM-DD (default: today)')
    .action(async (opts: RemoteFlags & { focus: string; since?: string; until?: string }) => {
      const bytes = await withTarget(config(), opts, (t) => exportFocusFile(t, opts.focus, opts, new Date()));
      console.log(`${opts.focus}: ${bytes.toLocaleString('en-US')} bytes of FOCUS CSV`);
    });
}
