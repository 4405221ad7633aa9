import type { UsageRecord } from '../../domain/record.ts';
import { rollupFittingSql } from '../sql/rollup.ts';
import type { BulkInsert, InsertResult } from '../types.ts';
import { CHECKPOINT_AFTER, type DuckDb } from './connection.ts';
import {
  appendCoded,
  codedStagingDdl,
  decodedSql,
  isDuplicateKey,
  type LabelCoding,
  rollupCodedSql,
} from './staging.ts';
import { addTotals, emptyTotals, type Totals, totalsFit64 } from './totals.ts';

/** An in-memory database every connection of the instance sees, where bulk loads stage their rows. */
const BULK_DB = 'bulk_mem';

/** DuckDB's own default: how much log a bulk load lets gather before a checkpoint. */
const BULK_CHECKPOINT_AFTER = '16MB';

/** Bulk loads opened by this process, for table names of their own. */
let opened = 0;

/** What a bulk load needs of the writer it belongs to. */
export interface BulkWriter {
  db: DuckDb;
  /** Runs `fn` when nothing else uses the write connection. */
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
  /** Appends the rollup of `source` (decoded rows) when its sums may pass 64 bits. */
  rollupWide(source: string): Promise<void>;
  /** Counts rollup rows appended from hour `firstMs` on towards the next compaction, and compacts when due. */
  rolledUp(rows: number, firstMs: number): Promise<void>;
}

/** One of a bulk load's two staging tables, with what is staged in it. */
interface Half {
  coding: LabelCoding;
  /** Qualified names for SQL. */
  table: string;
  dict: string;
  staged: Set<string>;
  totals: Totals;
  first: number;
}

/**
 * A bulk load (a file import) in parts: records are staged as they come, a label dictionary per
 * table, and written a row group (122,880 rows) per transaction, which DuckDB writes straight to its
 * data file instead of through its log. Two staging tables take turns: the next parts are staged on a
 * connection of their own while the last full table is written, so reading the file and writing the
 * ledger overlap. A record is durable once a write holding it has committed; `finish` writes the rest.
 */
export async function openBulk(w: BulkWriter, rowsPerWrite: number): Promise<BulkInsert> {
  const { db } = w;
  const stager = await db.connect();
  await stager.run(`ATTACH IF NOT EXISTS ':memory:' AS ${BULK_DB}`);
  // why: a bulk load's rows skip the log; what the log holds until a checkpoint (the rollup's rows) is
  // also held in memory, so the load checkpoints at DuckDB's default to keep its memory down.
  await stager.run(`SET checkpoint_threshold = '${BULK_CHECKPOINT_AFTER}'`);
  const load = ++opened;
  const halves: Half[] = [];
  for (const i of [0, 1]) {
    const coding = { table: `staging_${load}_${i}`, dictTable: `dict_${load}_${i}`, codes: new Map() };
    const half = { coding, table: `${BULK_DB}.${coding.table}`, dict: `${BULK_DB}.${coding.dictTable}` };
    for (const sql of codedStagingDdl(half.table, half.dict)) await stager.run(sql);
    halves.push({ ...half, staged: new Set(), totals: emptyTotals(), first: Number.POSITIVE_INFINITY });
  }
  const openAppender = (table: string) => stager.createAppender(table, 'main', BULK_DB);
  const result: InsertResult = { inserted: 0, duplicates: 0 };
  let current = 0;
  let writing: Promise<void> = Promise.resolve();

  /** Writes a half into the ledger and the rollup in one transaction, then empties it. */
  const write = (half: Half) =>
    w.exclusive(async () => {
      if (half.staged.size === 0) return;
      const inserted = await insertStaged(w, half);
      result.inserted += inserted;
      result.duplicates += half.staged.size - inserted;
      await db.writer.run(`DELETE FROM ${half.table}; DELETE FROM ${half.dict}`);
      const first = half.first;
      half.coding.codes.clear();
      half.staged.clear();
      half.totals = emptyTotals();
      half.first = Number.POSITIVE_INFINITY;
      await w.rolledUp(inserted, first);
    });

  return {
    async add(records) {
      const half = halves[current] as Half;
      const part: UsageRecord[] = [];
      for (const r of records) {
        const key = `${r.org}\u0000${r.id}`;
        if (half.staged.has(key)) result.duplicates++;
        else {
          half.staged.add(key);
          part.push(r);
          half.first = Math.min(half.first, r.timestamp.getTime());
        }
      }
      addTotals(half.totals, part);
      await appendCoded(openAppender, half.coding, part, () => 0, new Date());
      if (half.staged.size < rowsPerWrite) return;
      // why: the other half is staged into next, so its own write must be done (and it emptied) first.
      await writing;
      writing = write(half);
      writing.catch(() => undefined);
      current = 1 - current;
    },
    async finish() {
      try {
        await writing;
        await write(halves[current] as Half);
        return { ...result };
      } finally {
        for (const half of halves)
          for (const table of [half.table, half.dict]) await stager.run(`DROP TABLE IF EXISTS ${table}`);
        await stager.run(`SET checkpoint_threshold = '${CHECKPOINT_AFTER}'`);
        db.release(stager);
      }
    },
  };
}

/**
 * Inserts a half's rows and their rollup; on an id already stored (a re-import), undoes that and
 * inserts only the new ones. Answers how many went in.
 */
async function insertStaged(w: BulkWriter, half: Half): Promise<number> {
  const { db } = w;
  const { writer } = db;
  const decoded = decodedSql(half.table, half.dict);
  const fits = totalsFit64(half.totals);
  try {
    if (fits)
      await writer.run(
        `BEGIN TRANSACTION; INSERT INTO usage ${decoded}; ${rollupCodedSql(half.table, half.dict)}; COMMIT`,
      );
    else
      await db.transaction(async () => {
        await writer.run(`INSERT INTO usage ${decoded}`);
        await w.rollupWide(`(${decoded})`);
      });
    return half.staged.size;
  } catch (error) {
    await writer.run('ROLLBACK').catch(() => undefined);
    if (!isDuplicateKey(error)) throw error;
  }
  return db.transaction(async () => {
    await writer.run(`CREATE OR REPLACE TEMP TABLE bulk_fresh AS SELECT x.* FROM (${decoded}) x
      WHERE NOT EXISTS (SELECT 1 FROM usage u WHERE u.org = x.org AND u.id = x.id)`);
    await writer.run('INSERT INTO usage SELECT * FROM bulk_fresh');
    if (fits) await writer.run(rollupFittingSql('bulk_fresh'));
    else await w.rollupWide('bulk_fresh');
    const [row] = await db.rows(writer, 'SELECT COUNT(*) AS n FROM bulk_fresh');
    await writer.run('DROP TABLE bulk_fresh');
    return Number(row?.n ?? 0);
  });
}
