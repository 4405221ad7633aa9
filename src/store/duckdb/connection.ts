import { dirname } from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { AppError } from '../../domain/errors.ts';
import { ensurePrivateDir, holdPrivateUmask } from '../../lib/private-files.ts';
import { plain } from './values.ts';

/** One embedded database: a write connection behind a lock, a read connection, and small helpers. */
export interface DuckDb {
  writer: DuckDBConnection;
  reader: DuckDBConnection;
  rows(conn: DuckDBConnection, sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  /** Runs `fn` in a transaction on the write connection. Call it inside `exclusive`. */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  /** Runs `fn` when no other use of the write connection is in progress. */
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
  /** A connection of its own (a bulk load's staging), closed by `release` or with the database. */
  connect(): Promise<DuckDBConnection>;
  release(conn: DuckDBConnection): void;
  close(): Promise<void>;
}

export interface DuckDbOptions {
  /** A size such as '512MB' (validated by config); DuckDB's own default is 80% of RAM. */
  memoryLimit?: string;
}

/** How much write-ahead log DuckDB gathers before it checkpoints into the database file. */
export const CHECKPOINT_AFTER = '64MB';

/**
 * Opens the file (or ':memory:'); a file held by another process is `store_locked`, not a driver error.
 * The directory, when created here, and the files DuckDB creates while it is open are owner-only.
 */
export async function openDuckDb(path: string, options: DuckDbOptions = {}): Promise<DuckDb> {
  const onDisk = path !== ':memory:';
  if (onDisk) ensurePrivateDir(dirname(path));
  const releaseUmask = onDisk ? holdPrivateUmask() : () => {};
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(path);
  } catch (error) {
    releaseUmask();
    if (/lock/i.test(String((error as Error).message))) {
      throw new AppError('store_locked', `${path} is in use by another process`, { cause: error });
    }
    throw error;
  }
  const writer = await instance.connect();
  const reader = await instance.connect();
  // why: date_trunc on TIMESTAMPTZ follows the session zone; the ledger thinks in UTC.
  for (const conn of [writer, reader]) await conn.run("SET TimeZone = 'UTC'");
  if (options.memoryLimit) await writer.run(`SET memory_limit = '${options.memoryLimit}'`);
  // why: each checkpoint stalls every write for 0.2-0.6 s, mostly a fixed cost, however little changed:
  // loading 600k records in batches of 1,000 took 13 checkpoints (4.2 s) at DuckDB's 16 MB of log, 3
  // (1.7 s) at 64 MB. A log left by a crash is replayed at the next start: 55 MB took 0.9 s.
  await writer.run(`SET checkpoint_threshold = '${CHECKPOINT_AFTER}'`);

  // why: DuckDB allows one writer; every use of the write connection takes this lock in turn.
  let serial: Promise<unknown> = Promise.resolve();
  // why: closing a connection while a query runs on it crashes the process (SIGSEGV in the driver);
  // a stop that finds background work still reading waits for it, and later work gets a clear error.
  const reading = new Set<Promise<unknown>>();
  let closed = false;
  let closing: Promise<void> | undefined;
  const extra = new Set<DuckDBConnection>();
  const open = () => {
    if (closed) throw new AppError('unavailable', 'the store is closed (spendlens is stopping)');
  };

  const db: DuckDb = {
    writer,
    reader,
    async rows(conn, sql, params = []) {
      open();
      const running = conn.runAndReadAll(sql, params as never);
      reading.add(running);
      const result = await running.finally(() => reading.delete(running));
      return result.getRowObjects().map((row) => {
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(row)) out[k] = plain(v);
        return out;
      });
    },
    async transaction(fn) {
      await writer.run('BEGIN TRANSACTION');
      try {
        const result = await fn();
        await writer.run('COMMIT');
        return result;
      } catch (error) {
        await writer.run('ROLLBACK');
        throw error;
      }
    },
    async connect() {
      open();
      const conn = await instance.connect();
      await conn.run("SET TimeZone = 'UTC'");
      extra.add(conn);
      return conn;
    },
    release(conn) {
      if (extra.delete(conn)) conn.closeSync();
    },
    exclusive(fn) {
      const next = serial.then(() => {
        open();
        return fn();
      });
      serial = next.catch(() => undefined);
      return next;
    },
    close() {
      closing ??= (async () => {
        // why: writes queued before the stop still commit; anything queued after it is refused.
        await serial;
        closed = true;
        await serial;
        await Promise.allSettled([...reading]);
        for (const conn of extra) conn.closeSync();
        extra.clear();
        writer.closeSync();
        reader.closeSync();
        instance.closeSync();
        releaseUmask();
      })();
      return closing;
    },
  };
  return db;
}
