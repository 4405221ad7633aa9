import type { Engine, Statement } from '../engine.ts';

/** Distinct identity reads kept in memory at most; past it the memory starts again. */
const MAX_CACHED_READS = 1_000;

/**
 * The engine the DuckDB store's identity repository runs on: reads (the token or session behind every
 * request) are answered from memory until the next identity write. One process holds the file, so every
 * change passes here and nothing else can make the copy stale.
 */
export function withReadCache(engine: Engine): Engine {
  const cache = readCache(engine.read);
  return {
    dialect: engine.dialect,
    read: cache.read,
    write: (sql, params) => cache.changing(() => engine.write(sql, params)),
    transaction: (fn) => cache.changing(() => engine.transaction(fn)),
    usageRow: engine.usageRow,
  };
}

/** A read-through copy of `read`'s answers, dropped whenever a write runs through `changing`. */
export function readCache(read: Statement) {
  let version = 0;
  let answers = new Map<string, { version: number; rows: ReturnType<Statement> }>();
  return {
    read(sql: string, params: unknown[] = []) {
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
