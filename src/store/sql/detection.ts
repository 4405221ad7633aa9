import type { DetectionMark, FineSpendQuery, FineSpendRow, Store } from '../types.ts';
import { DIMENSION_COLUMNS, whereClause } from './filter.ts';
import { Params, type QueryDialect } from './params.ts';

/** The Store methods of the detection watermark (`<engine>/detection.ts`). */
export type DetectionMethods = Pick<
  Store,
  'getDetectionMark' | 'markWritten' | 'takeWritten' | 'putExamined'
> & {
  /** The earliest timestamp of these records (for a write that names ids only, re-pricing). */
  earliestOf(org: string, ids: readonly string[]): Promise<Date | null>;
};

/**
 * Migration 8 (issue 15): per org, what anomaly detection examined (from which instant, and when) and
 * the earliest timestamp of a record written since, so a run examines only what new data can change.
 */
export const DETECTION_MIGRATION: string[] = [
  `CREATE TABLE IF NOT EXISTS detection_marks (
    org TEXT PRIMARY KEY,
    examined_from TIMESTAMPTZ,
    examined_at TIMESTAMPTZ,
    written_from TIMESTAMPTZ
  )`,
];

// why: CASE rather than LEAST, whose NULL handling differs between the engines.
const MARK_WRITTEN_SQL = `INSERT INTO detection_marks (org, written_from) VALUES ($1, CAST($2 AS TIMESTAMPTZ))
  ON CONFLICT (org) DO UPDATE SET written_from = CASE
    WHEN detection_marks.written_from IS NULL OR excluded.written_from < detection_marks.written_from
    THEN excluded.written_from ELSE detection_marks.written_from END`;
const TAKE_WRITTEN_SQL = `UPDATE detection_marks SET written_from = NULL
  WHERE org = $1 AND written_from = CAST($2 AS TIMESTAMPTZ)`;
const PUT_EXAMINED_SQL = `INSERT INTO detection_marks (org, examined_from, examined_at)
  VALUES ($1, CAST($2 AS TIMESTAMPTZ), CAST($3 AS TIMESTAMPTZ))
  ON CONFLICT (org) DO UPDATE SET examined_from = excluded.examined_from, examined_at = excluded.examined_at`;
const GET_MARK_SQL = 'SELECT examined_from, examined_at, written_from FROM detection_marks WHERE org = $1';
/** Ids per query when finding the earliest of many records. */
const IDS_PER_QUERY = 500;

type Run = (sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>;

/** The watermark methods over an engine's write (`run`) and read connections. */
export function detectionMethods(run: Run, read: Run): DetectionMethods {
  const date = (v: unknown) => (v ? (v as Date) : null);
  return {
    async getDetectionMark(org) {
      const [row] = await read(GET_MARK_SQL, [org]);
      if (!row) return null;
      const mark: DetectionMark = {
        examinedFrom: date(row.examined_from),
        examinedAt: date(row.examined_at),
        writtenFrom: date(row.written_from),
      };
      return mark;
    },
    async markWritten(org, earliest) {
      await run(MARK_WRITTEN_SQL, [org, earliest.toISOString()]);
    },
    async takeWritten(org, seen) {
      await run(TAKE_WRITTEN_SQL, [org, seen.toISOString()]);
    },
    async putExamined(org, examined) {
      await run(PUT_EXAMINED_SQL, [org, examined.from.toISOString(), examined.at.toISOString()]);
    },
    async earliestOf(org, ids) {
      let earliest: Date | null = null;
      for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
        const chunk = ids.slice(i, i + IDS_PER_QUERY);
        const where = `org = $1 AND id IN (${chunk.map((_, k) => `$${k + 2}`).join(', ')})`;
        const [row] = await read(`SELECT MIN(ts) AS ts FROM usage WHERE ${where}`, [org, ...chunk]);
        const ts = date(row?.ts);
        if (ts && (!earliest || ts < earliest)) earliest = ts;
      }
      return earliest;
    },
  };
}

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
