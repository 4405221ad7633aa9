/**
 * Calls in flight against enforcing budgets, and per-key minute windows. why: a budget's spend is the
 * ledger (never a counter that could drift) plus the reservations of calls not yet settled; one lock
 * row per budget and period makes check-and-reserve one step across every instance on the database.
 */
export const GATEWAY_MIGRATION: string[] = [
  `CREATE TABLE IF NOT EXISTS gateway_budget_locks (
    org TEXT NOT NULL,
    budget_key TEXT NOT NULL,
    PRIMARY KEY (org, budget_key)
  )`,
  `CREATE TABLE IF NOT EXISTS gateway_reservations (
    org TEXT NOT NULL,
    id TEXT NOT NULL,
    budget_key TEXT NOT NULL,
    period_start TIMESTAMPTZ NOT NULL,
    micros BIGINT NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (org, id, budget_key)
  )`,
  `CREATE TABLE IF NOT EXISTS gateway_rates (
    org TEXT NOT NULL,
    api_key TEXT NOT NULL,
    minute TIMESTAMPTZ NOT NULL,
    requests BIGINT NOT NULL,
    tokens BIGINT NOT NULL,
    PRIMARY KEY (org, api_key, minute)
  )`,
  `CREATE TABLE IF NOT EXISTS gateway_refusals (
    org TEXT NOT NULL,
    refused_at TIMESTAMPTZ NOT NULL,
    api_key TEXT,
    upstream TEXT NOT NULL,
    model TEXT,
    reason TEXT NOT NULL,
    budget_id TEXT,
    message TEXT NOT NULL
  )`,
];
