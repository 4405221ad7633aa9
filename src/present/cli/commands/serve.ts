import { ensureAdminToken, registerConfiguredToken } from '../../../app/auth.ts';
import { loadDemo } from '../../../app/demo.ts';
import { ensureOwner } from '../../../app/identity/owner.ts';
import { startJobs } from '../../../app/jobs.ts';
import { duckDbPath } from '../../../app/open.ts';
import { sourceRunner } from '../../../app/sources/runner.ts';
import type { Config } from '../../../config/schema.ts';
import { AppError } from '../../../domain/errors.ts';
import { buildApp } from '../../http/app.ts';
import { openForCli } from '../open.ts';
import { removeServerInfo, writeServerInfo } from '../server-file.ts';
import { STOP_DEADLINE_MS, shutDown } from '../shutdown.ts';

/** `spendlens serve`: the API (and dashboard) on the configured store, until SIGTERM or SIGINT. */
export async function serve(config: Config, options: { demo: boolean; quiet?: boolean }): Promise<void> {
  const ctx = await openForCli(config);
  const print = (line: string) => options.quiet || console.log(line);
  const setup = await ensureOwner(ctx);
  // why: "listening on" is the signal that the server answers; a configured token must work by then.
  await registerConfiguredToken(ctx);
  if (options.demo) {
    const demo = await loadDemo(ctx);
    print(
      demo.skipped
        ? 'demo: the ledger already holds records; left as it is'
        : `demo: loaded ${demo.loaded} records (90 days)`,
    );
  }
  const app = buildApp(ctx, { logger: !options.quiet });
  const scheduler = await startJobs(ctx);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    print(`${signal}: finishing in-flight requests and closing the store`);
    await shutDown({ runner: sourceRunner(ctx), scheduler, app, store: ctx.store }, () => {
      console.error(
        `${signal}: not stopped after ${STOP_DEADLINE_MS / 1000} s; exiting (acknowledged writes are committed)`,
      );
      process.exit(1);
    });
    if (!config.storage.databaseUrl) removeServerInfo(config.storage.dataDir);
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
  const address = await app
    .listen({ host: config.server.host, port: config.server.port })
    .catch(async (error: NodeJS.ErrnoException) => {
      await shutDown({ runner: sourceRunner(ctx), scheduler, app, store: ctx.store }, () => process.exit(1));
      throw listenFailure(error, config);
    });
  const url = address.replace('[::1]', 'localhost');
  const embedded = !config.storage.databaseUrl;
  if (embedded) writeServerInfo(config.storage.dataDir, { pid: process.pid, url });
  print(`spendlens listening on ${url}`);
  print(`  dashboard: ${url}/`);
  print(`  store: ${embedded ? `DuckDB at ${duckDbPath(config)}` : 'PostgreSQL'}`);
  print(`  API docs: ${url}/api/docs`);
  // why: a generated first token is made only now that the server listens, and stored once printed.
  if (!config.adminToken)
    await ensureAdminToken(ctx, (token) => {
      console.log(`  admin token (shown once; it is stored hashed): ${token}`);
      console.log('  use it as "Authorization: Bearer <token>" or to sign in to the dashboard');
    });
  if (setup) {
    print(`  no user yet: open this one-time link within 7 days to create the owner account: ${setup}`);
    print('  (or set SPENDLENS_OWNER_EMAIL and SPENDLENS_OWNER_PASSWORD before the first start)');
  }
}

/** Why the server could not listen, and what to change. */
function listenFailure(error: NodeJS.ErrnoException, config: Config): Error {
  const { host, port } = config.server;
  const where = `${host}:${port}`;
  switch (error.code) {
    case 'EADDRINUSE':
      return new AppError(
        'unavailable',
        `port ${port} is in use on ${host} (another spendlens?): stop what holds it, or pass --port <free port> (env SPENDLENS_PORT)`,
        { cause: error },
      );
    case 'EACCES':
      return new AppError(
        'unavailable',
        `${where}: not allowed to listen there: use a port above 1023 with --port, or run with the rights to bind it`,
        { cause: error },
      );
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
      return new AppError(
        'unavailable',
        `${host} is not an address of this machine: fix server.host (env SPENDLENS_HOST)`,
        { cause: error },
      );
    default:
      return error;
  }
}
