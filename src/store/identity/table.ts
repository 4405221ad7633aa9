/**
 * Orgs, users, teams and their members, browser sessions, scoped API tokens and one-time invitations.
 * Secrets are stored only as hashes. The ledger's `api_tokens` become owner-level tokens (all scopes).
 */
export const IDENTITY_MIGRATION: string[] = [
  `CREATE TABLE orgs (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
  )`,
  `CREATE TABLE users (
    org TEXT NOT NULL,
    id TEXT NOT NULL,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    password_hash TEXT,
    usage_user TEXT,
    failed_logins INTEGER NOT NULL,
    locked_until TIMESTAMPTZ,
    disabled BOOLEAN NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    last_login_at TIMESTAMPTZ,
    PRIMARY KEY (org, id)
  )`,
  `CREATE TABLE teams (
    org TEXT NOT NULL,
    name TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (org, name)
  )`,
  `CREATE TABLE team_members (
    org TEXT NOT NULL,
    team TEXT NOT NULL,
    user_id TEXT NOT NULL,
    role TEXT NOT NULL,
    PRIMARY KEY (org, team, user_id)
  )`,
  `CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY,
    org TEXT NOT NULL,
    user_id TEXT,
    token_id TEXT,
    csrf_token TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    last_seen_at TIMESTAMPTZ NOT NULL
  )`,
  `CREATE TABLE tokens (
    id TEXT PRIMARY KEY,
    org TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    label TEXT NOT NULL,
    scopes TEXT NOT NULL,
    team TEXT,
    created_by TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    last_used_at TIMESTAMPTZ,
    revoked_at TIMESTAMPTZ
  )`,
  `CREATE TABLE invitations (
    token_hash TEXT PRIMARY KEY,
    org TEXT NOT NULL,
    kind TEXT NOT NULL,
    email TEXT,
    role TEXT NOT NULL,
    teams TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    accepted_at TIMESTAMPTZ
  )`,
  `INSERT INTO orgs SELECT DISTINCT org, org, now() FROM api_tokens`,
  `INSERT INTO tokens SELECT 'tok_' || substr(token_hash, 1, 12), org, token_hash, label,
    'ingest,read,admin', NULL, 'spendlens', created_at, NULL, NULL FROM api_tokens`,
  'DROP TABLE api_tokens',
];
