import type pg from 'pg';
import type { UsageRecord } from '../../domain/record.ts';
import { dedupeBatch, rowToRecord } from '../rows.ts';
import { ROLLUP_PRUNE_SQL, rollupUpsertSql } from '../sql/rollup.ts';
import {
  activityFromRow,
  activityParams,
  contextParams,
  DELETE_RULE_SQL,
  DELETE_SOURCE_SQL,
  DELETE_STATE_SQL,
  GET_STATE_SQL,
  LIST_ACTIVITIES_SQL,
  LIST_RULES_SQL,
  LIST_SOURCES_SQL,
  PUT_ACTIVITY_SQL,
  PUT_RULE_SQL,
  PUT_SOURCE_SQL,
  PUT_STATE_SQL,
  ruleFromRow,
  SET_CONTEXT_SQL,
  type SourceMethods,
  sourceFromRow,
  sourceParams,
  stateFromRow,
} from '../sql/sources.ts';
import type { LeaderLock, ReplaceResult } from '../types.ts';
import { INSERT_CHUNK, inKeyOrder, insertChunk } from './insert.ts';
import { transaction } from './pool.ts';
import { toUsageRow } from './values.ts';

const AFFECTED = '(SELECT * FROM usage WHERE org = $1 AND id = ANY($2::text[])) AS affected';

/** The sources, activity and rule methods of the PostgreSQL store; `write` retries deadlock victims. */
export function postgresSourceMethods(
  pool: pg.Pool,
  write: <T>(fn: () => Promise<T>) => Promise<T>,
): SourceMethods {
  const run = async (sql: string, params: unknown[]) => (await write(() => pool.query(sql, params))).rows;
  const read = async (sql: string, params: unknown[]) => (await pool.query(sql, params)).rows;
  return {
    replaceUsage: (org, records) => write(() => replace(pool, org, records)),
    async voidUsage(org, ids, dryRun) {
      const found = dryRun
        ? await read('SELECT * FROM usage WHERE org = $1 AND id = ANY($2::text[]) ORDER BY id', [org, ids])
        : await write(() => voidRecords(pool, org, ids));
      return found.map((r) => rowToRecord(toUsageRow(r)));
    },
    async setContext(org, match) {
      return (await write(() => pool.query(SET_CONTEXT_SQL, contextParams(org, match)))).rowCount ?? 0;
    },
    async putSource(source) {
      await run(PUT_SOURCE_SQL, sourceParams(source));
    },
    listSources: async (org) => (await read(LIST_SOURCES_SQL, [org])).map(sourceFromRow),
    deleteSource: (org, id) =>
      write(() =>
        transaction(pool, async (client) => {
          await client.query(DELETE_STATE_SQL, [org, id]);
          return ((await client.query(DELETE_SOURCE_SQL, [org, id])).rowCount ?? 0) > 0;
        }),
      ),
    async getSourceState(org, sourceId) {
      const found = await read(GET_STATE_SQL, [org, sourceId]);
      return found[0] ? stateFromRow(found[0]) : null;
    },
    async putSourceState(s) {
      await run(PUT_STATE_SQL, [s.org, s.sourceId, JSON.stringify(s.state), s.updatedAt.toISOString()]);
    },
    async putActivities(list) {
      if (list.length === 0) return;
      await write(() =>
        transaction(pool, async (client) => {
          for (const a of list) await client.query(PUT_ACTIVITY_SQL, activityParams(a));
        }),
      );
    },
    async listActivities(org, range) {
      const params = [org, range.from.toISOString(), range.to.toISOString()];
      return (await read(LIST_ACTIVITIES_SQL, params)).map(activityFromRow);
    },
    async putRule(r) {
      await run(PUT_RULE_SQL, [r.org, r.id, r.position, JSON.stringify(r.rule), r.updatedAt.toISOString()]);
    },
    listRules: async (org) => (await read(LIST_RULES_SQL, [org])).map(ruleFromRow),
    deleteRule: async (org, id) => (await run(DELETE_RULE_SQL, [org, id])).length > 0,
    leaderLock: (name) => advisoryLock(pool, name),
  };
}

/** Takes the old rows out of the rollup, deletes them and inserts the new ones, in one transaction. */
async function replace(pool: pg.Pool, org: string, records: UsageRecord[]): Promise<ReplaceResult> {
  const sorted = inKeyOrder(dedupeBatch(records.filter((r) => r.org === org)).unique);
  if (sorted.length === 0) return { inserted: 0, replaced: 0 };
  const ids = sorted.map((r) => r.id);
  return transaction(pool, async (client) => {
    await client.query('SELECT 1 FROM usage WHERE org = $1 AND id = ANY($2::text[]) ORDER BY id FOR UPDATE', [
      org,
      ids,
    ]);
    await client.query(rollupUpsertSql(AFFECTED, -1), [org, ids]);
    const gone = await client.query('DELETE FROM usage WHERE org = $1 AND id = ANY($2::text[])', [org, ids]);
    for (let i = 0; i < sorted.length; i += INSERT_CHUNK) {
      await insertChunk(client, sorted.slice(i, i + INSERT_CHUNK));
    }
    await client.query(ROLLUP_PRUNE_SQL, [org]);
    const replaced = gone.rowCount ?? 0;
    return { inserted: sorted.length - replaced, replaced };
  });
}

/** Deletes records by id, their rollup sums first, in one transaction; answers the rows it removed. */
async function voidRecords(pool: pg.Pool, org: string, ids: string[]): Promise<Record<string, unknown>[]> {
  if (ids.length === 0) return [];
  return transaction(pool, async (client) => {
    const found = await client.query(
      'SELECT * FROM usage WHERE org = $1 AND id = ANY($2::text[]) ORDER BY id FOR UPDATE',
      [org, ids],
    );
    if (found.rows.length === 0) return [];
    await client.query(rollupUpsertSql(AFFECTED, -1), [org, ids]);
    await client.query('DELETE FROM usage WHERE org = $1 AND id = ANY($2::text[])', [org, ids]);
    await client.query(ROLLUP_PRUNE_SQL, [org]);
    return found.rows;
  });
}

/**
 * A session-level advisory lock held on one dedicated connection: it is released when that
 * connection closes, so a crashed leader frees it and another instance takes over.
 */
function advisoryLock(pool: pg.Pool, name: string): LeaderLock {
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
