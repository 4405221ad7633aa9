import type { SchemaDialect } from '../sql/schema.ts';

/** The table of anomalies found by analysis; status (open, acknowledged, muted) is the user's, the rest analysis's. */
export function anomaliesMigration(d: SchemaDialect): string[] {
  return [
    `CREATE TABLE anomalies (
      org TEXT NOT NULL,
      id TEXT NOT NULL,
      kind TEXT NOT NULL,
      scope_dimension TEXT NOT NULL,
      scope_value TEXT,
      period_start TIMESTAMPTZ NOT NULL,
      period_end TIMESTAMPTZ NOT NULL,
      currency TEXT NOT NULL,
      actual_micros BIGINT NOT NULL,
      expected_micros BIGINT NOT NULL,
      lower_micros BIGINT NOT NULL,
      upper_micros BIGINT NOT NULL,
      severity TEXT NOT NULL,
      sustained BOOLEAN NOT NULL,
      drivers ${d.json} NOT NULL,
      description TEXT NOT NULL,
      status TEXT NOT NULL,
      muted_until TIMESTAMPTZ,
      status_at TIMESTAMPTZ,
      status_by TEXT,
      created_at TIMESTAMPTZ NOT NULL,
      updated_at TIMESTAMPTZ NOT NULL,
      PRIMARY KEY (org, id)
    )`,
  ];
}

/** Every column in table order, migration 7's `historical` last. */
export const COLUMNS = [
  'org',
  'id',
  'kind',
  'scope_dimension',
  'scope_value',
  'period_start',
  'period_end',
  'currency',
  'actual_micros',
  'expected_micros',
  'lower_micros',
  'upper_micros',
  'severity',
  'sustained',
  'drivers',
  'description',
  'status',
  'muted_until',
  'status_at',
  'status_by',
  'created_at',
  'updated_at',
  'historical',
] as const;

/**
 * Migration 7: whether an anomaly was old news when first found (a backfill, an import, a first run over
 * a ledger). Set on insert only, like `created_at`. DuckDB adds no constraint to a new column, hence no NOT NULL.
 */
export const ANOMALY_HISTORICAL_MIGRATION = [
  'ALTER TABLE anomalies ADD COLUMN IF NOT EXISTS historical BOOLEAN DEFAULT false',
];
