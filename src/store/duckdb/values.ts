import { DuckDBTimestampTZValue, DuckDBTimestampValue, type DuckDBValue } from '@duckdb/node-api';
import type { UsageRow } from '../rows.ts';

/** Turns a DuckDB result value into plain JS: timestamps → Date, integers → number (exact) or bigint. */
export function plain(value: DuckDBValue): unknown {
  if (value instanceof DuckDBTimestampTZValue || value instanceof DuckDBTimestampValue) {
    return new Date(Number(value.micros / 1000n));
  }
  if (typeof value === 'bigint') {
    return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER)
      ? Number(value)
      : value;
  }
  return value;
}

export function timestampValue(date: Date): DuckDBTimestampTZValue {
  return new DuckDBTimestampTZValue(BigInt(date.getTime()) * 1000n);
}

/** A `usage` row as the DuckDB driver reads it, with its tags JSON parsed. */
export function toUsageRow(r: Record<string, unknown>): UsageRow {
  return {
    ...(r as unknown as UsageRow),
    tags: r.tags ? (JSON.parse(String(r.tags)) as Record<string, string>) : null,
  };
}
