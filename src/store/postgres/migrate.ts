import type pg from 'pg';
import { chooseRole, type Tenancy } from './app-role.ts';
import { type Migration, postgresMigrations } from './migrations.ts';
import { transaction } from './pool.ts';
import { secureTables } from './rls.ts';
import { ALL_ORGS, withScope } from './tenancy.ts';

// why: the lock is per schema, so instances sharing one database but not a schema do not wait on each other.
const LOCK_SQL =
  "SELECT pg_advisory_xact_lock(hashtext('spendlens:migrate:' || COALESCE(current_schema(), '')))";
const TABLE_SQL =
  'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL)';

/**
 * Applies pending migrations, one version per transaction, then row-level security (rls.ts) to every
 * table they made. Each transaction first takes an advisory lock, so instances starting together apply
 * every version once and the others then find it done. All of it runs as the connecting user, over
 * every org; the store's connections then act as the app role, if there is one to switch to.
 */
export async function migratePostgres(pool: pg.Pool, tenancy: Tenancy): Promise<void> {
  await withScope({ org: ALL_ORGS, owner: true }, async () => {
    const all = postgresMigrations();
    let applied = true;
    while (applied) applied = await applyNext(pool, all);
    await transaction(pool, async (client) => {
      await client.query(LOCK_SQL);
      await secureTables(client, tenancy);
    });
  });
  tenancy.sessions.role = await chooseRole(pool, tenancy, true);
}

async function applyNext(pool: pg.Pool, all: Migration[]): Promise<boolean> {
  return transaction(pool, async (client) => {
    await client.query(LOCK_SQL);
    await client.query(TABLE_SQL);
    const done = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
    const versions = new Set(done.rows.map((r) => r.version));
    // Versions are checked by membership, not MAX: a shared version added later still applies after 1001.
    const next = all.find((m) => !versions.has(m.version));
    if (!next) return false;
    for (const sql of next.statements) await client.query(sql);
    await client.query('INSERT INTO schema_migrations VALUES ($1, now())', [next.version]);
    return true;
  });
}
