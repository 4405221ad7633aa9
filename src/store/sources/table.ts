/**
 * The tables of pull sources, their sync state, activities for the join and attribution rules.
 * Documents (settings, state, rules) are JSON kept as TEXT, so both engines read them alike.
 */
export const SOURCES_MIGRATION: string[] = [
  `CREATE TABLE sources (
    org TEXT NOT NULL,
    id TEXT NOT NULL,
    kind TEXT NOT NULL,
    origin TEXT NOT NULL,
    settings TEXT NOT NULL,
    secret TEXT,
    key_hint TEXT,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (org, id)
  )`,
  `CREATE TABLE source_state (
    org TEXT NOT NULL,
    source_id TEXT NOT NULL,
    state TEXT NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (org, source_id)
  )`,
  `CREATE TABLE activities (
    org TEXT NOT NULL,
    id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    context TEXT NOT NULL,
    project TEXT,
    team TEXT,
    start_ts TIMESTAMPTZ NOT NULL,
    end_ts TIMESTAMPTZ NOT NULL,
    source TEXT NOT NULL,
    PRIMARY KEY (org, id)
  )`,
  `CREATE TABLE attribution_rules (
    org TEXT NOT NULL,
    id TEXT NOT NULL,
    position INTEGER NOT NULL,
    rule TEXT NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (org, id)
  )`,
];
