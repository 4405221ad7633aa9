import type { Dialect, Engine } from './engine.ts';
import { migrations } from './sql/schema.ts';

/** One schema version: statements applied together, in one transaction. */
export interface Migration {
  version: number;
  statements: string[];
}

const TABLE_SQL =
  'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL)';

/** The migrations both engines share, numbered 1, 2, … in the dialect's spelling. */
export function sharedMigrations(dialect: Dialect): Migration[] {
  return migrations(dialect).map((statements, i) => ({ version: i + 1, statements }));
}

/**
 * Applies every migration of `all` not yet recorded in `schema_migrations`, one version per
 * transaction; `lock` opens each transaction (PostgreSQL's advisory lock, so instances starting
 * together apply each version once and the others then find it done). Versions are checked by
 * membership, not MAX: a shared version added later still applies after PostgreSQL's own 1001.
 */
export async function applyMigrations(engine: Engine, all: Migration[], lock?: string): Promise<void> {
  let applied = true;
  while (applied) {
    applied = await engine.transaction(async (tx) => {
      if (lock) await tx(lock);
      await tx(TABLE_SQL);
      const done = await tx('SELECT version FROM schema_migrations');
      const versions = new Set(done.map((r) => Number(r.version)));
      const next = all.find((m) => !versions.has(m.version));
      if (!next) return false;
      for (const sql of next.statements) await tx(sql);
      await tx('INSERT INTO schema_migrations VALUES ($1, now())', [next.version]);
      return true;
    });
  }
}
