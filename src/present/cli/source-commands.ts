import { type Command, Option } from 'commander';
import type { ConfigFlags } from '../../config/load.ts';
import type { Config } from '../../config/schema.ts';
import { type CollectFlags, collect } from './commands/collect.ts';
import { keysRotate, renderSources, sourcesList, sourcesSync } from './commands/sources.ts';
import { positive } from './options.ts';
import { type RemoteFlags, remoteOptions, withTarget } from './target.ts';

/** `spendlens collect, sources (and sync) and keys rotate`. */
export function sourceCommands(program: Command, config: (extra?: ConfigFlags) => Config): void {
  remoteOptions(
    program
      .command('collect')
      .description('send the usage in local Claude Code and Codex CLI logs to the ledger; only what is new')
      .option('--once', 'one pass, then exit (default: keep watching)')
      .option('--interval <seconds>', 'seconds between passes when watching', positive, 60)
      .option(
        '--user <email>',
        "who the usage is attributed to (default: git's user.email, else the OS user)",
      )
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
}
