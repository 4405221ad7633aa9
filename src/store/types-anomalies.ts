/** The statuses a reader gives an anomaly. */
export const ANOMALY_STATUSES = ['open', 'acknowledged', 'muted'] as const;
export type AnomalyStatus = (typeof ANOMALY_STATUSES)[number];

/** A persisted anomaly. Amounts are integer micro-units of `currency`; `drivers` is analysis's JSON. */
export interface StoredAnomaly {
  org: string;
  id: string;
  /** `daily` or `intraday`. */
  kind: string;
  scopeDimension: string;
  scopeValue: string | null;
  periodStart: Date;
  periodEnd: Date;
  currency: string;
  actualMicros: number;
  expectedMicros: number;
  lowerMicros: number;
  upperMicros: number;
  /** `low`, `medium`, `high` or `critical`. */
  severity: string;
  /** A rise that lasted and became the new normal. */
  sustained: boolean;
  drivers: Record<string, unknown>[];
  description: string;
  status: AnomalyStatus;
  mutedUntil: Date | null;
  statusAt: Date | null;
  statusBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  /**
   * Old news when first found (its period ended days before: a backfill, an import of history, a first
   * run over an existing ledger). Listed like any other, never alerted: the alert path skips it.
   */
  historical: boolean;
}

/** Anomalies whose period overlaps [from, to), newest first. */
export interface AnomalyQuery {
  org: string;
  from?: Date;
  to?: Date;
  statuses?: AnomalyStatus[];
  kinds?: string[];
  limit: number;
}

export interface AnomalyStatusChange {
  status: AnomalyStatus;
  at: Date;
  by: string;
  mutedUntil: Date | null;
}

/** Anomalies found by analysis, with the status their readers give them. */
export interface AnomalyRepo {
  /** Inserts anomalies, or refreshes what analysis owns of existing ones: status and createdAt stay. */
  upsertAnomalies(anomalies: StoredAnomaly[]): Promise<void>;
  listAnomalies(query: AnomalyQuery): Promise<StoredAnomaly[]>;
  /** Sets an anomaly's status; null when the org has no anomaly with that id. */
  setAnomalyStatus(org: string, id: string, change: AnomalyStatusChange): Promise<StoredAnomaly | null>;
}
