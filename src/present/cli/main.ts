import { Command, Option } from 'commander';
import { debugRequested } from '../../config/debug.ts';
import { type ConfigFlags, loadConfig } from '../../config/load.ts';
import { AppError } from '../../domain/errors.ts';
import { alertsList, alertsTest, channelsList, renderAlerts, renderChannels } from './commands/alerts.ts';
import { anomaliesData, renderAnomalies, setStatus } from './commands/anomalies.ts';
import { budgetsList, renderBudgets } from './commands/budgets.ts';
import { type CollectFlags, collect } from './commands/collect.ts';
import { forecastData, renderForecast } from './commands/forecast.ts';
import { describeImport, importFile } from './commands/import.ts';
import {
  pricingImport,
  pricingList,
  pricingReprice,
  pricingUpdate,
  readNewCatalog,
  renderPricing,
} from './commands/pricing.ts';
import { exportFocusFile, reconcileData, renderReconcile } from './commands/reconcile.ts';
import { renderReport, reportData } from './commands/report.ts';
import {
  notSentNote,
  renderReportList,
  renderShown,
  reportShow,
  reportsList,
  reportsRun,
} from './commands/reports.ts';
import { serve } from './commands/serve.ts';
import { keysRotate, renderSources, sourcesList, sourcesSync } from './commands/sources.ts';
import { usageCommands } from './commands/usage-void.ts';
import { watchFolder } from './commands/watch.ts';
import { reportFailure } from './failure.ts';
import { identityCommands } from './identity.ts';
import { type RemoteFlags, remoteOptions, withTarget } from './target.ts';

const program = new Command('spendlens')
  .description('A self-hosted monitor of AI spend: one exact, deduplicated ledger')
  .option(
    '--data-dir <dir>',
    'where the embedded DuckDB ledger lives (env SPENDLENS_DATA_DIR, default ./data)',
  )
  .option('--config <file>', 'path of spendlens.toml (env SPENDLENS_CONFIG)')
  .option('--debug', 'show the stack trace of a failure (env SPENDLENS_DEBUG=1)')
  .showHelpAfterError();

function config(extra: ConfigFlags = {}) {
  const global = program.opts<{ dataDir?: string; config?: string }>();
  return loadConfig({ dataDir: global.dataDir, config: global.config, ...extra });
}

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
    .description('spend as a table: by period and any dimensions')
    .option('--by <period>', 'day, week or month')
    .option(
      '--group <dims>',
      'comma list: provider, model, user, team, project, context, apiKey, source, tag:<key>',
    )
    .option('--since <date>', 'first day, YYYY-MM-DD (default: 30 days ago)')
    .option('--until <date>', 'last day, YYYY-MM-DD (default: today)')
    .option('--tz <zone>', 'time zone for days (default: config timezone)')
    .option('--json', 'print JSON instead of a table'),
).action(
  async (
    opts: RemoteFlags & {
      by?: string;
      group?: string;
      since?: string;
      until?: string;
      tz?: string;
      json?: boolean;
    },
  ) => {
    const cfg = config();
    const data = await withTarget(cfg, opts, (target) =>
      reportData(target, { ...opts, tz: opts.tz ?? cfg.timezone }, new Date()),
    );
    console.log(
      opts.json ? JSON.stringify(data, null, 2) : renderReport(data, { color: process.stdout.isTTY }),
    );
  },
);

const pricing = remoteOptions(program.command('pricing').description('the price catalog and unpriced models'))
  .option('--json', 'print JSON')
  .action(async (opts: RemoteFlags & { json?: boolean }) => {
    const data = await withTarget(config(), opts, pricingList);
    console.log(opts.json ? JSON.stringify(data, null, 2) : renderPricing(data, process.stdout.isTTY));
  });

remoteOptions(
  pricing
    .command('import <file>')
    .description("load LiteLLM's model_prices_and_context_window.json as price overrides")
    .option('--reprice', 're-price estimated and unpriced records afterwards'),
).action(async (file: string, opts: RemoteFlags & { reprice?: boolean }) => {
  const r = await withTarget(config(), opts, (t) => pricingImport(t, file, opts.reprice ?? false, 'cli'));
  console.log(
    `${file}: ${r.imported} prices imported (effective ${r.effectiveFrom}), ${r.skipped.length} entries skipped`,
  );
  if (r.repriced)
    console.log(
      `re-priced: ${r.repriced.changed} of ${r.repriced.examined} records changed, ${r.repriced.stillUnpriced} still unpriced`,
    );
});

remoteOptions(
  pricing
    .command('update')
    .description(
      'load newer base prices: the @pydantic/genai-prices installed here (npm install @pydantic/genai-prices@latest), or --file data.json',
    )
    .option('--file <path>', 'a genai-prices data.json (array of providers)')
    .option('--reprice', 're-price estimated and unpriced records afterwards'),
).action(async (opts: RemoteFlags & { file?: string; reprice?: boolean }) => {
  const next = await readNewCatalog(opts.file, [process.cwd(), import.meta.dirname]);
  const r = await withTarget(config(), opts, (t) => pricingUpdate(t, next, opts.reprice ?? false, 'cli'));
  const changed = r.added.length + r.changed.length;
  console.log(
    changed === 0
      ? `${r.origin}: ${r.read} prices read, all already in force`
      : `${r.origin}: ${r.read} prices read; ${r.added.length} added, ${r.changed.length} changed (saved as overrides)`,
  );
  for (const key of [...r.added.map((k) => `  + ${k}`), ...r.changed.map((k) => `  ~ ${k}`)].slice(0, 20))
    console.log(key);
  if (changed > 20) console.log(`  … and ${changed - 20} more`);
  if (r.repriced)
    console.log(
      `re-priced: ${r.repriced.changed} of ${r.repriced.examined} records changed, ${r.repriced.stillUnpriced} still unpriced`,
    );
});

remoteOptions(
  pricing
    .command('reprice')
    .description('re-price estimated and unpriced records from the current catalog')
    .option('--model <models>', 'only these models (comma list)'),
).action(async (opts: RemoteFlags & { model?: string }) => {
  const models = opts.model
    ?.split(',')
    .map((m) => m.trim())
    .filter(Boolean);
  const r = await withTarget(config(), opts, (t) => pricingReprice(t, models, 'cli'));
  console.log(`re-priced: ${r.changed} of ${r.examined} records changed, ${r.stillUnpriced} still unpriced`);
});

remoteOptions(
  program
    .command('collect')
    .description('send the usage in local Claude Code and Codex CLI logs to the ledger; only what is new')
    .option('--once', 'one pass, then exit (default: keep watching)')
    .option('--interval <seconds>', 'seconds between passes when watching', positive, 60)
    .option('--user <email>', "who the usage is attributed to (default: git's user.email, else the OS user)")
    .addOption(
      new Option('--claude-dir <dirs>', 'Claude config or projects directories, comma-separated').env(
        'CLAUDE_CONFIG_DIR',
      ),
    )
    .addOption(new Option('--codex-dir <dir>', 'Codex home or its sessions directory').env('CODEX_HOME'))
    .option(
      '--state <file>',
      'where to remember what was sent (default: in the data directory, or ~/.spendlens with --server)',
    )
    .option(
      '--settle <seconds>',
      'a log written to this recently is still in use: its last message waits',
      positive,
      60,
    )
    .option('--json', 'print each pass as a JSON line'),
).action(async (opts: CollectFlags) => {
  const stop = new AbortController();
  process.once('SIGINT', () => stop.abort());
  process.once('SIGTERM', () => stop.abort());
  await collect(config(), opts, stop.signal);
});

const sources = remoteOptions(
  program.command('sources').description('pull sources: last success, last error, lag, records ingested'),
)
  .option('--json', 'print JSON')
  .action(async (opts: RemoteFlags & { json?: boolean }) => {
    const list = await withTarget(config(), opts, sourcesList);
    console.log(
      opts.json ? JSON.stringify(list, null, 2) : renderSources(list, new Date(), process.stdout.isTTY),
    );
  });

remoteOptions(sources.command('sync [id]').description('sync one source (or all) now')).action(
  async (id: string | undefined, opts: RemoteFlags) => {
    const outcomes = await withTarget(config(), opts, (t) => sourcesSync(t, id));
    for (const o of outcomes) {
      console.log(
        o.ok
          ? `${o.sourceId}: ${o.inserted} new, ${o.replaced} revised, ${o.rejected} rejected`
          : (o.error ?? o.sourceId),
      );
    }
    if (outcomes.some((o) => !o.ok)) process.exitCode = 1;
  },
);

program
  .command('keys')
  .description('the master key that encrypts source keys at rest')
  .command('rotate')
  .description('re-encrypt every stored source key under a new master key')
  .option('--new-key <key>', 'the new master key (default: a random one)')
  .action(async (opts: { newKey?: string }) => {
    for (const line of await keysRotate(config(), opts.newKey)) console.log(line);
  });

const anomalies = remoteOptions(
  program
    .command('anomalies')
    .description('unusual spend: daily anomalies and intraday spikes, with their drivers'),
)
  .option('--days <n>', 'how many days back (default 30)', positive)
  .option('--status <list>', 'open, acknowledged, muted (comma list)')
  .option('--severity <level>', 'at least: low, medium, high or critical')
  .option('--json', 'print JSON')
  .action(
    async (opts: RemoteFlags & { days?: number; status?: string; severity?: string; json?: boolean }) => {
      const list = await withTarget(config(), opts, (t) => anomaliesData(t, opts));
      console.log(
        opts.json ? JSON.stringify(list, null, 2) : renderAnomalies(list, { color: process.stdout.isTTY }),
      );
    },
  );

for (const [name, status, about] of [
  ['ack', 'acknowledged', 'acknowledge an anomaly'],
  ['mute', 'muted', 'mute an anomaly and its scope (7 days unless --days)'],
  ['reopen', 'open', 'reopen an acknowledged or muted anomaly'],
] as const) {
  remoteOptions(anomalies.command(`${name} <id>`).description(about))
    .option('--days <n>', 'mute for this many days', positive)
    .action(async (id: string, opts: RemoteFlags & { days?: number }) => {
      const a = await withTarget(config(), opts, (t) => setStatus(t, id, status, opts.days));
      console.log(`${a.id}: ${a.status}${a.mutedUntil ? ` until ${a.mutedUntil}` : ''}`);
    });
}

remoteOptions(
  program
    .command('forecast')
    .description('month-end spend with P10–P90, a budget overrun date and the backtest on past months'),
)
  .option('--budget <amount>', 'a monthly budget in the reporting currency')
  .option('--scope <dimension=value>', 'forecast one scope, e.g. project=search')
  .option('--json', 'print JSON')
  .action(async (opts: RemoteFlags & { budget?: string; scope?: string; json?: boolean }) => {
    const f = await withTarget(config(), opts, (t) => forecastData(t, opts));
    console.log(opts.json ? JSON.stringify(f, null, 2) : renderForecast(f));
  });

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

remoteOptions(
  program
    .command('budgets')
    .description('budgets: spent, percent, projected end-of-period spend, state and when each resets'),
)
  .option('--json', 'print JSON')
  .action(async (opts: RemoteFlags & { json?: boolean }) => {
    const list = await withTarget(config(), opts, (t) => budgetsList(t, new Date()));
    console.log(opts.json ? JSON.stringify(list, null, 2) : renderBudgets(list, process.stdout.isTTY));
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
    if (run.sent === false && !opts.json) process.stderr.write(notSentNote(run.report, run.past, opts.send));
  });

identityCommands(program, () => config());
usageCommands(program, () => config());

function positive(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0)
    throw new AppError('bad_request', `"${value}" is not a number of seconds`);
  return n;
}

// why: one place words every failure: a mistake gets one line saying what to fix, only a bug its stack.
const debug = debugRequested(process.argv);
const fail = (error: unknown) => {
  reportFailure(error, debug);
  process.exit(1);
};
process.on('uncaughtException', fail);
process.on('unhandledRejection', fail);
try {
  await program.parseAsync(process.argv);
} catch (error) {
  fail(error);
}
