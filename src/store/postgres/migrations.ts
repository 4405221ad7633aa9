import { type Migration, sharedMigrations } from '../migrate.ts';
import { postgresDialect } from './engine.ts';

/** PostgreSQL-only versions are numbered from here, clear of the shared list's 1, 2, … */
const PG_VERSION_BASE = 1000;

/** Indexes the DuckDB engine does without (it scans columns); keyed for the queries at ~10M rows. */
const PG_MIGRATIONS: string[][] = [
  [
    // listUsage pages and raw-table spend ranges: org, then newest first.
    'CREATE INDEX usage_org_ts_id ON usage (org, ts DESC, id DESC)',
    // unpricedModels reads only the few unpriced rows.
    "CREATE INDEX usage_unpriced ON usage (org, provider, model) WHERE cost_kind = 'unpriced'",
    // ROLLUP_PRUNE_SQL finds emptied rollup rows without scanning the org's rollup.
    'CREATE INDEX usage_hourly_empty ON usage_hourly (org) WHERE records = 0',
    'CREATE INDEX audit_log_org_at ON audit_log (org, happened_at DESC)',
  ],
];

/**
 * Every migration in the order to apply: the shared ones (versions 1…n), then PostgreSQL's own
 * (1001…). All are recorded in the one `schema_migrations` table.
 */
export function postgresMigrations(): Migration[] {
  return [
    ...sharedMigrations(postgresDialect),
    ...PG_MIGRATIONS.map((statements, i) => ({ version: PG_VERSION_BASE + i + 1, statements })),
  ];
}
