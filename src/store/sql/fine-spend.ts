import type { FineSpendQuery, FineSpendRow } from '../types-detection.ts';
import { DIMENSION_COLUMNS, whereClause } from './filter.ts';
import { Params, type QueryDialect } from './params.ts';

/**
 * Spend of fine-grained records (per call: no end, or an end within the slot) in slots of
 * `slotSeconds` from the epoch, per value of one dimension: what the per-minute intraday check reads.
 * Provider buckets of an hour or more are left out, so a scope's share of fine spend says which check fits.
 */
export function fineSpendSql(q: FineSpendQuery, dialect: QueryDialect): { sql: string; params: unknown[] } {
  if (!Number.isInteger(q.slotSeconds) || q.slotSeconds <= 0)
    throw new Error('slotSeconds: a positive integer');
  const params = new Params();
  const dimensions = q.dimension && q.values ? { [q.dimension]: q.values } : {};
  const where = whereClause({ org: q.org, from: q.from, to: q.to, dimensions }, params, dialect, {
    table: 'usage',
    time: 'ts',
  });
  const value = q.dimension ? DIMENSION_COLUMNS[q.dimension] : 'NULL';
  const slot = `CAST(floor(extract(epoch FROM ts) / ${q.slotSeconds}) AS BIGINT)`;
  const fine = `(end_ts IS NULL OR end_ts <= ts + INTERVAL '${q.slotSeconds} seconds')`;
  const sql = `SELECT ${slot} AS slot, ${value} AS value, currency, COALESCE(SUM(cost_micros), 0) AS cost_micros
    FROM usage WHERE ${where} AND ${fine} GROUP BY ${slot}, ${q.dimension ? `${value}, ` : ''}currency`;
  return { sql, params: params.values };
}

/** A row of `fineSpendSql` as both drivers return it. */
export function fineSpendRowFrom(r: Record<string, unknown>, slotSeconds: number): FineSpendRow {
  return {
    slot: new Date(Number(r.slot) * slotSeconds * 1000),
    value: (r.value as string | null) ?? null,
    currency: String(r.currency),
    costMicros: BigInt(String(r.cost_micros)),
  };
}
