import type { UsageRecord } from '../../domain/record.ts';
import { HOUR_MS } from '../../lib/time.ts';
import { rollupOf } from '../rollup-sums.ts';
import { dedupeBatch } from '../rows.ts';
import { byIdsWhere } from '../sql/list.ts';
import { ROLLUP_COMPACT_SQL, rollupAppendSql } from '../sql/rollup.ts';
import type { BulkInsert, CostUpdate, InsertResult, ReplaceResult } from '../types.ts';
import { type BulkWriter, openBulk } from './bulk.ts';
import type { DuckDb } from './connection.ts';
import {
  appendRollupRows,
  appendStaging,
  DECODED,
  DICTIONARY_MIN_ROWS,
  insertStagedSql,
  isDuplicateKey,
  rollupCodedSql,
  STAGED_PLAIN_SQL,
  STAGED_SQL,
  STAGING_DDL,
  type StagingTable,
} from './staging.ts';
import { sumsFit64 } from './totals.ts';

/** Rollup partial rows to append before merging the hours they touched; reads sum partials anyway. */
const COMPACT_AFTER_ROWS = 250_000;

/** Rows a bulk load writes per transaction: one DuckDB row group, which skips the log. */
const BULK_ROWS = 122_880;

/**
 * The DuckDB write path: batches go through the staging tables into `usage` and the rollup in one
 * transaction; the rollup's partial sums are merged now and then.
 */
export async function createDuckDbWriter(db: DuckDb) {
  const { writer } = db;
  for (const sql of STAGING_DDL) await writer.run(sql);
  const openAppender = (table: string) => writer.createAppender(table, 'main', 'temp');
  const openRollupAppender = (table: string) => writer.createAppender(table);
  let partialRows = 0;
  let earliestHour = Number.POSITIVE_INFINITY;

  /** Appends `source`'s sums to the rollup; `touched` (row count, earliest time) is read unless given. */
  async function appendRollup(
    source: string,
    sign: 1 | -1,
    params: unknown[] = [],
    touched?: { n: number; first: Date | null },
  ): Promise<void> {
    const seen =
      touched ?? (await db.rows(writer, `SELECT COUNT(*) AS n, MIN(ts) AS first FROM ${source}`, params))[0];
    const first = (seen?.first as Date | null) ?? null;
    if (!first) return;
    await runRollupSql(source, sign, params);
    partialRows += Number(seen?.n ?? 0);
    earliestHour = Math.min(earliestHour, Math.floor(first.getTime() / HOUR_MS) * HOUR_MS);
  }

  /** Runs `rollupAppendSql`'s statements for `source`; the per-record rows only where a sum needs them. */
  async function runRollupSql(source: string, sign: 1 | -1, params: unknown[] = []): Promise<void> {
    const sql = rollupAppendSql(source, sign);
    await writer.run(sql.sums, params as never);
    await writer.run(sql.fitting);
    const [wide] = await db.rows(writer, sql.wide);
    if (Number(wide?.n ?? 0) > 0) await writer.run(sql.rest, params as never);
    await writer.run(sql.done);
  }

  /** Clears the staging tables and stages `records`; answers the table holding them. */
  async function stage(records: UsageRecord[], batchOf: (i: number) => number): Promise<StagingTable> {
    const tables = records.length >= DICTIONARY_MIN_ROWS ? ['staging', 'staging_dict'] : ['staging_plain'];
    for (const table of tables) await writer.run(`DELETE FROM ${table}`);
    return appendStaging(openAppender, records, batchOf, new Date());
  }

  /** Counts rollup rows appended from memory towards the next compaction. */
  function noteRollup(records: UsageRecord[]): void {
    if (records.length === 0) return;
    let first = Number.POSITIVE_INFINITY;
    for (const r of records) first = Math.min(first, r.timestamp.getTime());
    partialRows += records.length;
    earliestHour = Math.min(earliestHour, Math.floor(first / HOUR_MS) * HOUR_MS);
  }

  /** Merges partial rollup rows once enough have piled up; runs in its own transaction. */
  async function compactIfDue(): Promise<void> {
    if (partialRows < COMPACT_AFTER_ROWS) return;
    await compactRollup(db, new Date(earliestHour));
    partialRows = 0;
    earliestHour = Number.POSITIVE_INFINITY;
  }

  async function insert(batches: UsageRecord[][]): Promise<InsertResult[]> {
    const all = batches.flatMap((records, batch) => records.map((record) => ({ record, batch })));
    const { unique } = dedupeBatch(all.map((x) => x.record));
    const batchOf = new Map(all.map((x) => [x.record, x.batch]));
    // why: a write expects its ids to be new, the cheap insert; one that meets a stored id is undone and
    // written again skipping stored ids (a retry, a re-import), which costs that write twice.
    const fresh =
      (await insertNew(unique, batchOf)) ?? (await db.transaction(() => insertSkipping(unique, batchOf)));
    await compactIfDue();
    const counts = new Map<number, number>();
    for (const r of fresh) counts.set(batchOf.get(r) ?? 0, (counts.get(batchOf.get(r) ?? 0) ?? 0) + 1);
    return batches.map((records, i) => {
      const n = counts.get(i) ?? 0;
      return { inserted: n, duplicates: records.length - n };
    });
  }

  /**
   * The common write, all ids new, in as few calls to DuckDB as it takes (each costs a trip through its
   * thread pool): open and clear, stage, then insert, sum and commit in one call. Null when an id was
   * already stored: nothing of it stays, and the caller writes it again skipping stored ids.
   */
  async function insertNew(
    unique: UsageRecord[],
    batchOf: Map<UsageRecord, number>,
  ): Promise<UsageRecord[] | null> {
    const coded = unique.length >= DICTIONARY_MIN_ROWS;
    await writer.run(
      `BEGIN TRANSACTION; ${coded ? 'DELETE FROM staging; DELETE FROM staging_dict' : 'DELETE FROM staging_plain'}`,
    );
    try {
      const table = await appendStaging(
        openAppender,
        unique,
        (i) => batchOf.get(unique[i] as UsageRecord) ?? 0,
        new Date(),
      );
      const insert = insertStagedSql(table, 'new');
      // why: a large write's insert, sum and commit go to DuckDB as one call.
      if (table === 'staging' && sumsFit64(unique))
        await writer.run(`${insert}; ${rollupCodedSql('staging', 'staging_dict')}; COMMIT`);
      else {
        await rollupStaged(table, unique);
        await writer.run(`${insert}; COMMIT`);
      }
    } catch (error) {
      // why: a failed statement or commit may have ended the transaction already.
      await writer.run('ROLLBACK').catch(() => undefined);
      if (isDuplicateKey(error)) return null;
      throw error;
    }
    noteRollup(unique);
    return unique;
  }

  /** Stages `unique`, inserts those whose ids are not stored yet and rolls up the ones that went in. */
  async function insertSkipping(
    unique: UsageRecord[],
    batchOf: Map<UsageRecord, number>,
  ): Promise<UsageRecord[]> {
    const table = await stage(unique, (i) => batchOf.get(unique[i] as UsageRecord) ?? 0);
    const went = (await writer.runAndReadAll(insertStagedSql(table, 'skipping'))).getRows();
    const all = went.length === unique.length;
    const stored = all ? unique : keep(unique, new Set(went.map(([org, id]) => `${org}\u0000${id}`)));
    // why: the part of a write that met stored ids is summed here, where the ids that went in are known.
    if (all) await rollupStaged(table, stored);
    else await appendRollupRows(openRollupAppender, rollupOf(stored));
    noteRollup(stored);
    return stored;
  }

  /**
   * Sums the staged `records` into the rollup. A small write's few rows are summed here (a GROUP BY
   * DuckDB plans per write cost ~10% of its time), a row past 2^63 split as DuckDB would; a large
   * write's by DuckDB, off the event loop, in 64 bits where they fit.
   */
  async function rollupStaged(table: StagingTable, records: UsageRecord[]): Promise<void> {
    if (table === 'staging_plain') await appendRollupRows(openRollupAppender, rollupOf(records));
    else if (sumsFit64(records)) await writer.run(rollupCodedSql('staging', 'staging_dict'));
    else await runRollupSql(`(${DECODED[table]})`, 1);
  }

  async function updateCosts(org: string, updates: CostUpdate[]): Promise<number> {
    if (updates.length === 0) return 0;
    const changed = await db.transaction(async () => {
      await writer.run(
        'CREATE OR REPLACE TEMP TABLE cost_updates (id TEXT, cost_micros BIGINT, currency TEXT, cost_kind TEXT)',
      );
      const appender = await openAppender('cost_updates');
      for (const u of updates) {
        appender.appendVarchar(u.id);
        if (u.costMicros === null) appender.appendNull();
        else appender.appendBigInt(BigInt(u.costMicros));
        appender.appendVarchar(u.currency);
        appender.appendVarchar(u.costKind);
        appender.endRow();
      }
      appender.closeSync();
      const affected = '(SELECT u.* FROM usage u JOIN cost_updates c ON u.id = c.id WHERE u.org = $1)';
      await appendRollup(affected, -1, [org]);
      const rows = await db.rows(
        writer,
        `UPDATE usage SET cost_micros = c.cost_micros, currency = c.currency, cost_kind = c.cost_kind
         FROM cost_updates c WHERE usage.org = $1 AND usage.id = c.id RETURNING usage.id`,
        [org],
      );
      await appendRollup(affected, 1, [org]);
      return rows.length;
    });
    await compactIfDue();
    return changed;
  }

  /** Replaces records by id (rollup out, delete, insert, rollup in) in one transaction. */
  async function replace(org: string, records: UsageRecord[]): Promise<ReplaceResult> {
    const { unique } = dedupeBatch(records.filter((r) => r.org === org));
    if (unique.length === 0) return { inserted: 0, replaced: 0 };
    const result = await db.transaction(async () => {
      const ids = await stage(unique, () => 0);
      const affected = `(SELECT u.* FROM usage u WHERE u.org = $1 AND u.id IN (SELECT id FROM ${ids}))`;
      await appendRollup(affected, -1, [org]);
      const gone = await db.rows(
        writer,
        `DELETE FROM usage WHERE org = $1 AND id IN (SELECT id FROM ${ids}) RETURNING id`,
        [org],
      );
      // why: `staged` was drawn before the delete, without the rows being replaced; draw it again.
      await writer.run(ids === 'staging_plain' ? STAGED_PLAIN_SQL : STAGED_SQL);
      await writer.run('INSERT INTO usage SELECT * EXCLUDE (batch) FROM staged');
      await appendRollup('staged', 1);
      return { inserted: unique.length - gone.length, replaced: gone.length };
    });
    await compactIfDue();
    return result;
  }

  /** Deletes records by id, their rollup sums first, in one transaction; answers the rows it removed. */
  async function voidRecords(org: string, ids: string[]): Promise<Record<string, unknown>[]> {
    if (ids.length === 0) return [];
    const params = [org, ...ids];
    const where = byIdsWhere(ids);
    const gone = await db.transaction(async () => {
      const found = await db.rows(writer, `SELECT * FROM usage WHERE ${where} ORDER BY id`, params);
      if (found.length === 0) return found;
      await appendRollup(`(SELECT * FROM usage WHERE ${where})`, -1, params);
      await writer.run(`DELETE FROM usage WHERE ${where}`, params as never);
      return found;
    });
    await compactIfDue();
    return gone;
  }

  /** A bulk load (see bulk.ts); run nothing of it inside `exclusive`: it takes the writer when it writes. */
  function bulk(exclusive: BulkWriter['exclusive'], rowsPerWrite = BULK_ROWS): Promise<BulkInsert> {
    return openBulk(
      {
        db,
        exclusive,
        rollupWide: (source) => runRollupSql(source, 1),
        async rolledUp(rows, firstMs) {
          partialRows += rows;
          earliestHour = Math.min(earliestHour, Math.floor(firstMs / HOUR_MS) * HOUR_MS);
          await compactIfDue();
        },
      },
      rowsPerWrite,
    );
  }

  return { insert, bulk, updateCosts, replace, voidRecords, compactIfDue };
}

/** Merges the rollup's partial rows from `from` on (see `ROLLUP_COMPACT_SQL`), in its own transaction. */
export async function compactRollup(db: DuckDb, from: Date): Promise<void> {
  await db.transaction(async () => {
    for (const sql of ROLLUP_COMPACT_SQL)
      await db.writer.run(sql, sql.includes('$1') ? [from.toISOString()] : []);
  });
}

/** The records whose (org, id) is in `keys`. */
function keep(records: UsageRecord[], keys: Set<string>): UsageRecord[] {
  return records.filter((r) => keys.has(`${r.org}\u0000${r.id}`));
}
