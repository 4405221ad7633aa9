import type { Engine } from '../engine.ts';
import type { DetectionMark, DetectionRepo } from '../types-detection.ts';

/** The detection watermark with the earliest timestamp of records a write names by id only. */
export interface DetectionMarks extends DetectionRepo {
  /** The earliest timestamp of these records (for a write that names ids only, re-pricing). */
  earliestOf(org: string, ids: readonly string[]): Promise<Date | null>;
}

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

/** The detection watermark, and what it needs of the ledger (`earliestOf`), over either engine. */
export function detectionRepo(engine: Engine): DetectionMarks {
  const { read, write } = engine;
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
      await write(MARK_WRITTEN_SQL, [org, earliest.toISOString()]);
    },
    async takeWritten(org, seen) {
      await write(TAKE_WRITTEN_SQL, [org, seen.toISOString()]);
    },
    async putExamined(org, examined) {
      await write(PUT_EXAMINED_SQL, [org, examined.from.toISOString(), examined.at.toISOString()]);
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
