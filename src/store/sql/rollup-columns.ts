/**
 * Dimension columns of the hourly rollup, in key order. Unset values are stored as ''. `context`
 * (a notebook or job: thousands of values) and tags stay out, so the rollup stays small; questions
 * about them read the raw table.
 */
export const ROLLUP_DIMS = [
  'provider',
  'service',
  'model',
  'user_id',
  'team',
  'project',
  'api_key',
  'source',
  'cost_kind',
  'currency',
] as const;

export const ROLLUP_SUMS = [
  'cost_micros',
  'unpriced_requests',
  'input_tokens',
  'output_tokens',
  'cache_read_tokens',
  'cache_write_tokens',
  'reasoning_tokens',
  'requests',
  'records',
] as const;

/**
 * Column type of the rollup sums. PostgreSQL keys one row per hour and key, as NUMERIC (it has no
 * 128-bit integer), so an hour's sums stay exact far past 2^63 (see domain/limits.ts). DuckDB appends
 * partial rows of 64-bit sums (migration 11) and reads their sum in 128 bits; `appended` is the type
 * of those 128-bit sums as they are computed.
 */
export const ROLLUP_SUM_TYPE = { keyed: 'NUMERIC(38)', appended: 'HUGEINT' } as const;
