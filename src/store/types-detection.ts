import type { Dimension } from '../domain/record.ts';

/**
 * What anomaly detection has examined of an org's ledger, and the earliest timestamp written since:
 * a run examines from there (app/analysis/refresh.ts). Every write of usage moves `writtenFrom` back.
 */
export interface DetectionMark {
  /** The first instant ever examined for daily anomalies. */
  examinedFrom: Date | null;
  /** The `now` of the last completed run: days before its local day were complete when examined. */
  examinedAt: Date | null;
  /** The earliest timestamp of a record inserted, replaced, re-priced or voided since; null when none. */
  writtenFrom: Date | null;
}

/** Fine-grained spend (per-call records, minute buckets) in slots, per value of one dimension. */
export interface FineSpendQuery {
  org: string;
  from: Date;
  to: Date;
  /** Slot width, counted from the epoch: 60 for minutes, 600 for ten minutes. */
  slotSeconds: number;
  /** One value per row of this dimension; the whole org when absent. */
  dimension?: Dimension;
  /** With `dimension`, only these values (null: unset). */
  values?: (string | null)[];
}

export interface FineSpendRow {
  /** The slot's start. */
  slot: Date;
  value: string | null;
  currency: string;
  costMicros: bigint;
}

/** Per org, what anomaly detection examined and the earliest record written since. */
export interface DetectionRepo {
  /** The org's detection watermark; null before its first run. */
  getDetectionMark(org: string): Promise<DetectionMark | null>;
  /** Moves the org's `writtenFrom` back to `earliest` (no-op when already earlier); every usage write calls it. */
  markWritten(org: string, earliest: Date): Promise<void>;
  /** Clears `writtenFrom` if it is still `seen` (a run starting): a write after that marks it again. */
  takeWritten(org: string, seen: Date): Promise<void>;
  /** Records what a run examined: daily anomalies from `from`, everything up to `at`. */
  putExamined(org: string, examined: { from: Date; at: Date }): Promise<void>;
}
