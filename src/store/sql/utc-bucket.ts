import type { Bucket } from '../../domain/record.ts';

/** Microseconds in a UTC hour, day and week, and where the Unix epoch falls in its Monday week. */
const FIXED_US = { hour: 3_600_000_000, day: 86_400_000_000, week: 604_800_000_000 } as const;
const EPOCH_WEEKDAY_US = 3 * FIXED_US.day;

/**
 * The UTC bucket of TIMESTAMPTZ `column` on DuckDB: fixed-length ones by integer arithmetic on its
 * microseconds, several times faster than `date_trunc`, which goes through the calendar for every row.
 */
export function utcBucketByArithmetic(bucket: Bucket, column: string): string {
  if (bucket === 'month') return `date_trunc('month', ${column})`;
  const size = FIXED_US[bucket];
  // why: 1970-01-01 was a Thursday; weeks are counted from the Monday before it.
  const shift = bucket === 'week' ? EPOCH_WEEKDAY_US : 0;
  const us = `(epoch_us(${column}) + ${shift})`;
  return `make_timestamptz(${us} - ((${us} % ${size}) + ${size}) % ${size} - ${shift})`;
}
