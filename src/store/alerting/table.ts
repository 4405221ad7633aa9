/**
 * The tables of budgets, alert channels, raised alerts, archived reports and the scheduler's last runs.
 * Documents are JSON kept as TEXT, so both engines read them alike. `UNIQUE (org, dedupe_key)` is what
 * makes an alert fire once, whichever instance raises it first.
 */
export const ALERTING_MIGRATION: string[] = [
  `CREATE TABLE budgets (
    org TEXT NOT NULL,
    id TEXT NOT NULL,
    origin TEXT NOT NULL,
    definition TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (org, id)
  )`,
  `CREATE TABLE channels (
    org TEXT NOT NULL,
    id TEXT NOT NULL,
    kind TEXT NOT NULL,
    origin TEXT NOT NULL,
    settings TEXT NOT NULL,
    secret TEXT,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (org, id)
  )`,
  `CREATE TABLE alerts (
    org TEXT NOT NULL,
    id TEXT NOT NULL,
    dedupe_key TEXT NOT NULL,
    event TEXT NOT NULL,
    severity TEXT NOT NULL,
    scope_dimension TEXT,
    scope_value TEXT,
    budget_id TEXT,
    title TEXT NOT NULL,
    payload TEXT NOT NULL,
    deliveries TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (org, id),
    UNIQUE (org, dedupe_key)
  )`,
  // listAlerts: org, then newest first.
  'CREATE INDEX alerts_org_created ON alerts (org, created_at)',
  `CREATE TABLE reports (
    org TEXT NOT NULL,
    id TEXT NOT NULL,
    kind TEXT NOT NULL,
    period_start TIMESTAMPTZ NOT NULL,
    period_end TIMESTAMPTZ NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    content TEXT NOT NULL,
    PRIMARY KEY (org, id)
  )`,
  `CREATE TABLE job_runs (
    org TEXT NOT NULL,
    name TEXT NOT NULL,
    last_run_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (org, name)
  )`,
];
