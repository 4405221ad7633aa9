/** Migration 10: seats and subscriptions, whose fees the app layer spreads into the ledger by day. */
export const SUBSCRIPTIONS_MIGRATION: string[] = [
  `CREATE TABLE IF NOT EXISTS subscriptions (
    org TEXT NOT NULL,
    id TEXT NOT NULL,
    origin TEXT NOT NULL,
    definition TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (org, id)
  )`,
];
