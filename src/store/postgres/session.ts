import type pg from 'pg';
import { currentScope, type Scope } from './tenancy.ts';

/** The role the store's connections act as, decided at open and again after each migrate (app-role.ts). */
export interface Sessions {
  /** The app role to switch to; null to act as the connecting user. Only ever goes from null to a role. */
  role: string | null;
}

type ConnectCallback = (err: Error | undefined, client: pg.PoolClient | undefined, done: () => void) => void;

// why: set_config('role', …) is SET ROLE, and one statement sets both role and org in one round trip.
const ROLE_AND_ORG_SQL = "SELECT set_config('role', $1, false), set_config('spendlens.org', $2, false)";
const ORG_SQL = "SELECT set_config('spendlens.org', $1, false)";

/** What each connection was last set to; a checkout for the same role and org costs no round trip. */
const applied = new WeakMap<pg.PoolClient, string>();

/**
 * Makes every connection the pool hands out (to `pool.query` and `pool.connect` alike, so to every
 * transaction) act as the app role with `spendlens.org` set to the current store call's org. The
 * settings are session-level and applied before the caller's first statement, so outside any
 * transaction: no rollback can undo them, and every checkout sets its own before it runs anything.
 */
export function bindSessions(pool: pg.Pool, sessions: Sessions): void {
  const checkout = pool.connect.bind(pool) as () => Promise<pg.PoolClient>;
  function connect(callback?: ConnectCallback): Promise<pg.PoolClient> | undefined {
    // why: read now, not when a client frees up: pg-pool resumes waiters in the releasing caller's context.
    const scope = currentScope();
    const ready = checkout().then((client) => prepare(client, sessions, scope));
    if (!callback) return ready;
    ready.then(
      (client) => callback(undefined, client, () => client.release()),
      (error: Error) => callback(error, undefined, () => undefined),
    );
    return undefined;
  }
  replaceConnect(pool, connect);
}

async function prepare(client: pg.PoolClient, sessions: Sessions, scope?: Scope): Promise<pg.PoolClient> {
  // Outside any store call the org is '', which no row has: a query that escaped scoping sees nothing.
  const org = scope?.org ?? '';
  const role = sessions.role && (scope?.owner ? 'none' : sessions.role);
  const key = `${role ?? ''}\u0000${org}`;
  if (applied.get(client) === key) return client;
  try {
    await (role ? client.query(ROLE_AND_ORG_SQL, [role, org]) : client.query(ORG_SQL, [org]));
  } catch (error) {
    // Fail closed: a connection whose role or org is unknown is dropped, never handed out.
    client.release(error as Error);
    throw error;
  }
  applied.set(client, key);
  return client;
}

/** pg's typings overload `connect` (promise or callback); ours implements both, which they cannot express. */
function replaceConnect(pool: pg.Pool, connect: (callback?: ConnectCallback) => unknown): void {
  pool.connect = connect as pg.Pool['connect'];
}
