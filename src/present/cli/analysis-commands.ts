import type { Command } from 'commander';
import type { ConfigFlags } from '../../config/load.ts';
import type { Config } from '../../config/schema.ts';
import { anomaliesData, renderAnomalies, setStatus } from './commands/anomalies.ts';
import { forecastData, renderForecast } from './commands/forecast.ts';
import { positive } from './options.ts';
import { type RemoteFlags, remoteOptions, withTarget } from './target.ts';

/** `spendlens anomalies (ack, mute, reopen) and forecast`. */
export function analysisCommands(program: Command, config: (extra?: ConfigFlags) => Config): void {
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
}
