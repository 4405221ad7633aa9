import type pg from 'pg';
import type { LeaderLock } from '../types.ts';

/**
 * A session-level advisory lock held on one dedicated connection: it is released when that
 * connection closes, so a crashed leader frees it and another instance takes over.
 */
export function advisoryLock(pool: pg.Pool, name: string): LeaderLock {
  let held: pg.PoolClient | null = null;
  const key = `spendlens:${name}:`;
  const sql = "SELECT pg_try_advisory_lock(hashtext($1 || COALESCE(current_schema(), ''))) AS ok";
  return {
    async tryAcquire() {
      if (held) {
        const alive = await held.query('SELECT 1').then(
          () => true,
          () => false,
        );
        if (alive) return true;
        held.release(true);
        held = null;
      }
      const client = await pool.connect();
      const ok = (await client.query<{ ok: boolean }>(sql, [key])).rows[0]?.ok === true;
      if (ok) held = client;
      else client.release();
      return ok;
    },
    async release() {
      if (!held) return;
      const client = held;
      held = null;
      await client.query('SELECT pg_advisory_unlock_all()').catch(() => undefined);
      client.release();
    },
  };
}
