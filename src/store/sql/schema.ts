import { ALERTING_MIGRATION } from '../alerting/table.ts';
import { ANOMALY_HISTORICAL_MIGRATION, anomaliesMigration } from '../anomalies/table.ts';
import { auditTable } from '../audit/table.ts';
import { DETECTION_MIGRATION } from '../detection/table.ts';
import { GATEWAY_MIGRATION } from '../gateway/table.ts';
import { IDENTITY_MIGRATION } from '../identity/table.ts';
import { priceOverridesTable } from '../price-overrides/table.ts';
import { SOURCES_MIGRATION } from '../sources/table.ts';
import { SUBSCRIPTIONS_MIGRATION } from '../subscriptions/table.ts';
import { ROLLUP_NARROW_SQL } from './rollup.ts';
import { ROLLUP_DIMS, ROLLUP_SUM_TYPE, ROLLUP_SUMS } from './rollup-columns.ts';

/** Column types that differ between the two engines; everything else in the schema is shared SQL. */
export interface SchemaDialect {
  json: string;
  /** PostgreSQL keys the rollup and upserts; DuckDB appends partial sums and compacts (see rollup.ts). */
  keyedRollup: boolean;
}

/** Ordered migrations; each entry is one version, applied once inside a transaction. */
export function migrations(d: SchemaDialect): string[][] {
  return [
    [
      `CREATE TABLE usage (
        org TEXT NOT NULL,
        id TEXT NOT NULL,
        source TEXT NOT NULL,
        ts TIMESTAMPTZ NOT NULL,
        end_ts TIMESTAMPTZ,
        provider TEXT NOT NULL,
        service TEXT NOT NULL,
        model TEXT NOT NULL,
        user_id TEXT,
        team TEXT,
        project TEXT,
        api_key TEXT,
        context TEXT,
        tags ${d.json},
        input_tokens BIGINT NOT NULL,
        output_tokens BIGINT NOT NULL,
        cache_read_tokens BIGINT NOT NULL,
        cache_write_tokens BIGINT NOT NULL,
        reasoning_tokens BIGINT NOT NULL,
        requests BIGINT NOT NULL,
        cost_micros BIGINT,
        currency TEXT NOT NULL,
        cost_kind TEXT NOT NULL,
        ingested_at TIMESTAMPTZ NOT NULL,
        PRIMARY KEY (org, id)
      )`,
      `CREATE TABLE usage_hourly (
        org TEXT NOT NULL,
        hour TIMESTAMPTZ NOT NULL,
        ${ROLLUP_DIMS.map((c) => `${c} TEXT NOT NULL`).join(',\n        ')},
        ${ROLLUP_SUMS.map((c) => `${c} BIGINT NOT NULL`).join(',\n        ')}
        ${d.keyedRollup ? `, PRIMARY KEY (org, hour, ${ROLLUP_DIMS.join(', ')})` : ''}
      )`,
      auditTable(d),
      priceOverridesTable(d),
      `CREATE TABLE api_tokens (
        token_hash TEXT PRIMARY KEY,
        org TEXT NOT NULL,
        label TEXT NOT NULL,
        created_at TIMESTAMPTZ NOT NULL
      )`,
    ],
    // 2: pull sources, their sync state, activities and attribution rules (src/store/sources/table.ts).
    SOURCES_MIGRATION,
    // 3: anomalies found by analysis, with their status (src/store/anomalies/table.ts).
    anomaliesMigration(d),
    // 4: budgets, alert channels, alerts, archived reports, job runs (src/store/alerting/table.ts).
    ALERTING_MIGRATION,
    // 5: orgs, users, teams, sessions, scoped API tokens, invitations (src/store/identity/table.ts).
    IDENTITY_MIGRATION,
    // 6: rollup sums wider than 64 bits (issue 13).
    widenRollupSums(d),
    // 7: anomalies found in history are marked, so they are listed and never alerted (issue 15).
    ANOMALY_HISTORICAL_MIGRATION,
    // 8: what anomaly detection examined per org, and the earliest record written since (issue 15).
    DETECTION_MIGRATION,
    // 9: the gateway's budget reservations, per-key rate windows and refused calls (issue 20).
    GATEWAY_MIGRATION,
    // 10: seats and subscriptions, spread into the ledger by day (issue 19).
    SUBSCRIPTIONS_MIGRATION,
    // 11: DuckDB's rollup rows back to 64-bit sums, summed in 128 bits when read (issue 16).
    d.keyedRollup ? [] : ROLLUP_NARROW_SQL,
  ];
}

function widenRollupSums(d: SchemaDialect): string[] {
  if (d.keyedRollup) {
    const type = ROLLUP_SUM_TYPE.keyed;
    return [
      `ALTER TABLE usage_hourly ${ROLLUP_SUMS.map((c) => `ALTER COLUMN ${c} TYPE ${type}`).join(', ')}`,
    ];
  }
  return ROLLUP_SUMS.map((c) => `ALTER TABLE usage_hourly ALTER ${c} TYPE ${ROLLUP_SUM_TYPE.appended}`);
}
