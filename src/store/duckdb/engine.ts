import type { Bucket } from '../../domain/record.ts';
import type { Dialect, Engine, Statement } from '../engine.ts';
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

/** Microseconds in a UTC hour, day and week, and where the Unix epoch falls in its Monday week. */
const FIXED_US = { hour: 3_600_000_000, day: 86_400_000_000, week: 604_800_000_000 } as const;
const EPOCH_WEEKDAY_US = 3 * FIXED_US.day;

/**
 * The UTC bucket of `column`: fixed-length ones by integer arithmetic on its microseconds, several
 * times faster than `date_trunc`, which goes through the calendar for every row of a TIMESTAMPTZ.
 */
function utcBucket(bucket: Bucket, column: string): string {
  if (bucket === 'month') return `date_trunc('month', ${column})`;
  const size = FIXED_US[bucket];
  // why: 1970-01-01 was a Thursday; weeks are counted from the Monday before it.
  const shift = bucket === 'week' ? EPOCH_WEEKDAY_US : 0;
  const us = `(epoch_us(${column}) + ${shift})`;
  return `make_timestamptz(${us} - ((${us} % ${size}) + ${size}) % ${size} - ${shift})`;
}

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
