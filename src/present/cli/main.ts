import { Command } from 'commander';
import { debugRequested } from '../../config/debug.ts';
import { type ConfigFlags, loadConfig } from '../../config/load.ts';
import { alertingCommands } from './alerting-commands.ts';
import { analysisCommands } from './analysis-commands.ts';
import { usageCommands } from './commands/usage-void.ts';
import { reportFailure } from './failure.ts';
import { identityCommands } from './identity.ts';
import { ledgerCommands } from './ledger.ts';
import { pricingCommands } from './pricing-commands.ts';
import { sourceCommands } from './source-commands.ts';
import { subscriptionCommands } from './subscription-commands.ts';

const program = new Command('spendlens')
  .description('A self-hosted monitor of AI spend: one exact, deduplicated ledger')
  .option(
    '--data-dir <dir>',
    'where the embedded DuckDB ledger lives (env SPENDLENS_DATA_DIR, default ./data)',
  )
  .option('--config <file>', 'path of spendlens.toml (env SPENDLENS_CONFIG)')
  .option('--debug', 'show the stack trace of a failure (env SPENDLENS_DEBUG=1)')
  .showHelpAfterError();

/** The configuration, read once per command: defaults < spendlens.toml < environment < flags. */
function config(extra: ConfigFlags = {}) {
  const global = program.opts<{ dataDir?: string; config?: string }>();
  return loadConfig({ dataDir: global.dataDir, config: global.config, ...extra });
}

// why: the order here is the order of `spendlens --help`.
ledgerCommands(program, config);
pricingCommands(program, config);
sourceCommands(program, config);
analysisCommands(program, config);
alertingCommands(program, config);
subscriptionCommands(program, config);
identityCommands(program, () => config());
usageCommands(program, () => config());

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
