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
