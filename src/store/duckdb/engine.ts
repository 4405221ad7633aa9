import type { Dialect, Engine, Statement } from '../engine.ts';
import { utcBucketByArithmetic as utcBucket } from '../sql/utc-bucket.ts';
import type { DuckDb } from './connection.ts';
import { toUsageRow } from './values.ts';

/** DuckDB's spelling of the SQL that differs between engines. */
const duckDbDialect: Dialect = {
  name: 'duckdb',
  json: 'JSON',
  keyedRollup: false,
  // why: a JSON pointer (RFC 6901) names any key once `~` and `/` are escaped; a `$."…"` path breaks on
  // a `"` in the key and reads `*` as a wildcard.
  tagValue: (params, key) =>
    `json_extract_string(tags, ${params.add(`/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`)})`,
  utcBucket,
};

/** The embedded database as an engine: reads on the read connection; writes take the one writer in turn. */
export function duckDbEngine(db: DuckDb): Engine {
  const { writer, reader, exclusive, transaction, rows } = db;
  const onWriter: Statement = (sql, params = []) => rows(writer, sql, params);
  return {
    dialect: duckDbDialect,
    read: (sql, params = []) => rows(reader, sql, params),
    write: (sql, params) => exclusive(() => onWriter(sql, params)),
    transaction: (fn) => exclusive(() => transaction(() => fn(onWriter))),
    usageRow: toUsageRow,
  };
}
