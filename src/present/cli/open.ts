import type { AppContext } from '../../app/context.ts';
import { duckDbPath, openContext } from '../../app/open.ts';
import type { Config } from '../../config/schema.ts';
import { AppError } from '../../domain/errors.ts';
import { readServerInfo } from './server-file.ts';

/**
 * Opens the ledger for a CLI command. When a running server holds the DuckDB file, the error says so
 * and how to go through the server instead of surfacing DuckDB's lock error; a store that cannot be
 * opened at all (a data directory that is a file, PostgreSQL down) is named with the setting to check.
 */
export async function openForCli(config: Config): Promise<AppContext> {
  try {
    return await openContext(config);
  } catch (error) {
    if (error instanceof AppError && error.code === 'store_locked') {
      const server = readServerInfo(config.storage.dataDir);
      const who = server
        ? `the spendlens server (pid ${server.pid}) at ${server.url}`
        : lockHolder(error.cause);
      throw new AppError(
        'store_locked',
        `${duckDbPath(config)} is held by ${who}.\n` +
          (server
            ? `Send this through the server instead: add --server ${server.url} --token <admin token> (or set SPENDLENS_TOKEN), or stop the server first.`
            : 'Stop that process, or point --data-dir at another directory.'),
        { cause: error },
      );
    }
    if (error instanceof AppError) throw error;
    const e = error as { message?: string; code?: string };
    const reason = String(e.message ?? error).split('\n')[0] || e.code || 'no reason given';
    const which = config.storage.databaseUrl
      ? `the PostgreSQL store: ${reason}; check DATABASE_URL and that the database answers`
      : `the ledger ${duckDbPath(config)}: ${reason}; check --data-dir (env SPENDLENS_DATA_DIR)`;
    throw new AppError('unavailable', `cannot open ${which}`, { cause: error });
  }
}

/**
 * "another process (pid 4242: /usr/bin/node)": the holder DuckDB names in its lock error ("Conflicting
 * lock is held in /usr/bin/node (PID 4242)"), so the user knows what to stop.
 */
export function lockHolder(cause: unknown): string {
  const message = String((cause as { message?: string } | undefined)?.message ?? '');
  const match = /held in (.+?) \(PID (\d+)\)/.exec(message);
  return match ? `another process (pid ${match[2]}: ${match[1]})` : 'another process';
}
