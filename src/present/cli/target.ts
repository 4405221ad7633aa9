import { type Command, Option } from 'commander';
import type { AppContext } from '../../app/context.ts';
import type { Config } from '../../config/schema.ts';
import { AppError } from '../../domain/errors.ts';
import { openForCli } from './open.ts';
import { type Remote, serverUrl } from './remote.ts';
import { readServerInfo } from './server-file.ts';

export interface RemoteFlags {
  server?: string;
  token?: string;
}

export type Target = { ctx: AppContext } | { remote: Remote };

/** Adds --server and --token (or SPENDLENS_TOKEN), the flags `withTarget` reads, to a command. */
export const remoteOptions = (cmd: Command) =>
  cmd
    .option('--server <url>', 'send through a running spendlens server instead of opening the store')
    .addOption(new Option('--token <token>', 'API token for --server').env('SPENDLENS_TOKEN'));

/**
 * Runs a command on the local store, or through a server: the one named by --server, or the running
 * server that holds the DuckDB file when a token is at hand.
 */
export async function withTarget<T>(
  config: Config,
  flags: RemoteFlags,
  run: (target: Target) => Promise<T>,
): Promise<T> {
  if (flags.server) return run({ remote: { url: serverUrl(flags.server), token: requireToken(flags) } });
  let ctx: AppContext;
  try {
    ctx = await openForCli(config);
  } catch (error) {
    const server =
      error instanceof AppError && error.code === 'store_locked'
        ? readServerInfo(config.storage.dataDir)
        : null;
    if (server && flags.token) return run({ remote: { url: server.url, token: flags.token } });
    throw error;
  }
  try {
    return await run({ ctx });
  } finally {
    await ctx.store.close();
  }
}

function requireToken(flags: RemoteFlags): string {
  if (!flags.token)
    throw new AppError('unauthorized', '--server needs --token <admin token> (or SPENDLENS_TOKEN)');
  return flags.token;
}
