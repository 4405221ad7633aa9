import type { UsageRecord } from '../../domain/record.ts';
import { HOUR_MS } from '../../lib/time.ts';
import { rollupOf } from '../rollup-sums.ts';
import { dedupeBatch } from '../rows.ts';
import { byIdsWhere } from '../sql/list.ts';
import { ROLLUP_COMPACT_SQL, rollupAppendSql, rollupFittingSql } from '../sql/rollup.ts';
import type { BulkInsert, CostUpdate, InsertResult, ReplaceResult } from '../types.ts';
import type { DuckDb } from './connection.ts';
import {
  appendCoded,
  appendRollupRows,
  appendStaging,
  BULK_STAGING_DDL,
  DECODED,
  DICTIONARY_MIN_ROWS,
  decodedSql,
  insertStagedSql,
  isDuplicateKey,
  type LabelCoding,
  rollupCodedSql,
  STAGED_PLAIN_SQL,
  STAGED_SQL,
  STAGING_DDL,
  type StagingTable,
} from './staging.ts';

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
      // why: in the usual case insert, sum and commit go to DuckDB as one call.
      if (sumsFit64(unique)) await writer.run(`${insert}; ${fittingRollupSql(table)}; COMMIT`);
      else {
        await writer.run(insert);
        await rollupStaged(table, unique);
        await writer.run('COMMIT');
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

  /** Sums the staged rows into the rollup, by DuckDB (off the event loop), in 64 bits where they fit. */
  async function rollupStaged(table: StagingTable, records: UsageRecord[]): Promise<void> {
    if (sumsFit64(records)) await writer.run(fittingRollupSql(table));
    else await runRollupSql(`(${DECODED[table]})`, 1);
  }

  /** The 64-bit rollup of a staging table's rows: by codes for the coded table. */
  function fittingRollupSql(table: StagingTable): string {
    return table === 'staging'
      ? rollupCodedSql('staging', 'staging_dict')
      : rollupFittingSql(`(${DECODED[table]})`);
  }

  /**
   * A bulk load (a file import): parts are staged as they come, with one label dictionary, and written
   * a row group at a time in one transaction each: DuckDB writes a full row group straight to its data
   * file instead of through its log, and the caller holds only one part in memory. A part is durable
   * once `add` has written it or `finish` resolved; run each call inside `exclusive`.
   */
  async function bulk(rowsPerWrite = BULK_ROWS): Promise<BulkInsert> {
    for (const sql of BULK_STAGING_DDL) await writer.run(sql);
    const coding: LabelCoding = { table: 'bulk_staging', dictTable: 'bulk_dict', codes: new Map() };
    const staged = new Set<string>();
    let totals = emptyTotals();
    let first = Number.POSITIVE_INFINITY;
    const result = { inserted: 0, duplicates: 0 };

    async function flush(): Promise<void> {
      if (staged.size === 0) return;
      const decoded = `(${decodedSql(coding.table, coding.dictTable)})`;
      const fits = totalsFit64(totals);
      let inserted = staged.size;
      try {
        if (fits)
          await writer.run(
            `BEGIN TRANSACTION; INSERT INTO usage ${decoded.slice(1, -1)}; ${rollupCodedSql(coding.table, coding.dictTable)}; COMMIT`,
          );
        else
          await db.transaction(async () => {
            await writer.run(`INSERT INTO usage ${decoded.slice(1, -1)}`);
            await runRollupSql(decoded, 1);
          });
      } catch (error) {
        await writer.run('ROLLBACK').catch(() => undefined);
        if (!isDuplicateKey(error)) throw error;
        // why: some ids were stored already (a re-import): write the rest, and sum what went in.
        inserted = await db.transaction(async () => {
          await writer.run(`CREATE OR REPLACE TEMP TABLE bulk_fresh AS SELECT x.* FROM ${decoded} x
            WHERE NOT EXISTS (SELECT 1 FROM usage u WHERE u.org = x.org AND u.id = x.id)`);
          await writer.run('INSERT INTO usage SELECT * FROM bulk_fresh');
          if (fits) await writer.run(rollupFittingSql('bulk_fresh'));
          else await runRollupSql('bulk_fresh', 1);
          const [row] = await db.rows(writer, 'SELECT COUNT(*) AS n FROM bulk_fresh');
          await writer.run('DROP TABLE bulk_fresh');
          return Number(row?.n ?? 0);
        });
      }
      result.inserted += inserted;
      result.duplicates += staged.size - inserted;
      partialRows += inserted;
      earliestHour = Math.min(earliestHour, Math.floor(first / HOUR_MS) * HOUR_MS);
      await writer.run(`DELETE FROM ${coding.table}; DELETE FROM ${coding.dictTable}`);
      coding.codes.clear();
      staged.clear();
      totals = emptyTotals();
      first = Number.POSITIVE_INFINITY;
      await compactIfDue();
    }

    return {
      async add(records) {
        const part: UsageRecord[] = [];
        for (const r of records) {
          const key = `${r.org}\u0000${r.id}`;
          if (staged.has(key)) result.duplicates++;
          else {
            staged.add(key);
            part.push(r);
            first = Math.min(first, r.timestamp.getTime());
          }
        }
        addTotals(totals, part);
        await appendCoded(openAppender, coding, part, () => 0, new Date());
        if (staged.size >= rowsPerWrite) await flush();
      },
      async finish() {
        await flush();
        for (const table of [coding.table, coding.dictTable]) await writer.run(`DROP TABLE ${table}`);
        return { ...result };
      },
    };
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

  return { insert, bulk, updateCosts, replace, voidRecords, compactIfDue };
}

/** Merges the rollup's partial rows from `from` on (see `ROLLUP_COMPACT_SQL`), in its own transaction. */
export async function compactRollup(db: DuckDb, from: Date): Promise<void> {
  await db.transaction(async () => {
    for (const sql of ROLLUP_COMPACT_SQL)
      await db.writer.run(sql, sql.includes('$1') ? [from.toISOString()] : []);
  });
}

/** A bound below 2^63 with room for the rounding of a floating-point total. */
const SAFE_TOTAL = 2 ** 62;

/** Totals of the absolute values a write's hourly sums are made of (see `sumsFit64`). */
interface Totals {
  cost: number;
  tokens: number;
  requests: number;
  records: number;
}

const emptyTotals = (): Totals => ({ cost: 0, tokens: 0, requests: 0, records: 0 });

function addTotals(t: Totals, records: UsageRecord[]): Totals {
  for (const r of records) {
    t.cost += Math.abs(r.costMicros ?? 0);
    t.tokens += Math.max(
      r.inputTokens,
      r.outputTokens,
      r.cacheReadTokens,
      r.cacheWriteTokens,
      r.reasoningTokens,
    );
    t.requests += r.requests;
  }
  t.records += records.length;
  return t;
}

const totalsFit64 = (t: Totals) =>
  t.cost < SAFE_TOTAL && t.tokens < SAFE_TOTAL && t.requests < SAFE_TOTAL && t.records < SAFE_TOTAL;

/**
 * True when no hourly sum of `records` can pass 2^63 whatever their grouping (the totals of the absolute
 * values stay below 2^62), so DuckDB may sum them straight into 64-bit rollup columns in one statement.
 */
export function sumsFit64(records: UsageRecord[]): boolean {
  return totalsFit64(addTotals(emptyTotals(), records));
}

/** The records whose (org, id) is in `keys`. */
function keep(records: UsageRecord[], keys: Set<string>): UsageRecord[] {
  return records.filter((r) => keys.has(`${r.org}\u0000${r.id}`));
}
