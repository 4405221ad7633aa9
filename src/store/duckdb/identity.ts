import type { RowsFn } from '../sql/alerting.ts';
import type { IdentityMethods } from '../sql/identity.ts';
import { identityMethods } from '../sql/identity-methods.ts';
import type { DuckDb } from './connection.ts';

/** Distinct identity reads kept in memory at most; past it the memory starts again. */
const MAX_CACHED_READS = 1_000;

/**
 * The identity methods of the DuckDB store; writes take the one write connection in turn.
 * Reads (the token or session behind every request) are answered from memory until the next identity
 * write: one process holds the file, so every change passes here and nothing else can make the copy stale.
 */
export function duckDbIdentityMethods(db: DuckDb): IdentityMethods {
  const { writer, reader, exclusive, transaction, rows } = db;
  const cache = readCache((sql, params) => rows(reader, sql, params));
  const onWriter = (sql: string, params: unknown[]) => cache.changing(() => rows(writer, sql, params));
  return identityMethods(
    (sql, params) => exclusive(() => onWriter(sql, params)),
    cache.read,
    (fn) => exclusive(() => cache.changing(() => transaction(() => fn(onWriter)))),
  );
}

/** A read-through copy of `read`'s answers, dropped whenever a write runs through `changing`. */
export function readCache(read: RowsFn) {
  let version = 0;
  let answers = new Map<string, { version: number; rows: ReturnType<RowsFn> }>();
  return {
    read(sql: string, params: unknown[]) {
      const key = `${sql}\u0000${JSON.stringify(params)}`;
      const hit = answers.get(key);
      if (hit && hit.version === version) return hit.rows;
      if (answers.size >= MAX_CACHED_READS) answers = new Map();
      const at = version;
      const pending = read(sql, params);
      answers.set(key, { version: at, rows: pending });
      // why: a failed read is not remembered; the next one asks the store again.
      pending.catch(() => answers.delete(key));
      return pending;
    },
    /** Runs a write; answers read before or during it are not served after it. */
    async changing<T>(write: () => Promise<T>): Promise<T> {
      version++;
      try {
        return await write();
      } finally {
        version++;
      }
    },
  };
}
