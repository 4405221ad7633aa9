import type pg from 'pg';
import type { Engine } from '../engine.ts';
import { applyMigrations } from '../migrate.ts';
import { chooseRole, type Tenancy } from './app-role.ts';
import { postgresMigrations } from './migrations.ts';
import { transaction } from './pool.ts';
import { secureTables } from './rls.ts';
import { ALL_ORGS, withScope } from './tenancy.ts';

// why: the lock is per schema, so instances sharing one database but not a schema do not wait on each other.
const LOCK_SQL =
  "SELECT pg_advisory_xact_lock(hashtext('spendlens:migrate:' || COALESCE(current_schema(), '')))";

/**
 * Applies pending migrations, one version per transaction, then row-level security (rls.ts) to every
 * table they made. Each transaction first takes an advisory lock, so instances starting together apply
 * every version once and the others then find it done. All of it runs as the connecting user, over
 * every org; the store's connections then act as the app role, if there is one to switch to.
 */
export async function migratePostgres(engine: Engine, pool: pg.Pool, tenancy: Tenancy): Promise<void> {
  await withScope({ org: ALL_ORGS, owner: true }, async () => {
    await applyMigrations(engine, postgresMigrations(), LOCK_SQL);
    await transaction(pool, async (client) => {
      await client.query(LOCK_SQL);
      await secureTables(client, tenancy);
    });
  });
  tenancy.sessions.role = await chooseRole(pool, tenancy, true);
}
