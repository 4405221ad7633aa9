/** The identity statements, the same on both engines; timestamps arrive as ISO text and are cast. */
const TS = (n: number) => `CAST($${n} AS TIMESTAMPTZ)`;

/** The ledger's token API: a configured or generated admin token is an owner-level token. */
export const PUT_LEGACY_TOKEN_SQL = `INSERT INTO tokens VALUES ('tok_' || substr($2, 1, 12), $1, $2, $3,
  'ingest,read,admin', NULL, 'spendlens', now(), NULL, NULL)
  ON CONFLICT (token_hash) DO UPDATE SET org = excluded.org, label = excluded.label`;
export const FIND_LEGACY_TOKEN_SQL =
  'SELECT org, label FROM tokens WHERE token_hash = $1 AND revoked_at IS NULL';
export const COUNT_TOKENS_SQL = 'SELECT COUNT(*) AS n FROM tokens';

export const PUT_ORG_SQL = `INSERT INTO orgs VALUES ($1, $2, ${TS(3)}) ON CONFLICT (id) DO NOTHING`;
export const GET_ORG_SQL = 'SELECT * FROM orgs WHERE id = $1';
export const LIST_ORGS_SQL = 'SELECT * FROM orgs ORDER BY id';

export const INSERT_USER_SQL = `INSERT INTO users VALUES ($1, $2, $3, $4, $5, $6, $7, $8, ${TS(9)}, $10, ${TS(11)}, ${TS(12)})
  ON CONFLICT DO NOTHING RETURNING id`;
export const UPDATE_USER_SQL = `UPDATE users SET name = $3, role = $4, password_hash = $5, usage_user = $6, disabled = $7
  WHERE org = $1 AND id = $2 RETURNING id`;
export const GET_USER_SQL = 'SELECT * FROM users WHERE org = $1 AND id = $2';
export const FIND_USER_SQL = 'SELECT * FROM users WHERE email = $1';
export const LIST_USERS_SQL = 'SELECT * FROM users WHERE org = $1 ORDER BY email';
export const DELETE_USER_SQL = 'DELETE FROM users WHERE org = $1 AND id = $2 RETURNING id';
export const DELETE_USER_MEMBERSHIPS_SQL = 'DELETE FROM team_members WHERE org = $1 AND user_id = $2';

/** Counts a failed sign-in; the one that reaches `$3` locks the account until `$4` and starts the count again. */
export const LOGIN_FAILURE_SQL = `UPDATE users SET
  locked_until = CASE WHEN failed_logins + 1 >= $3 THEN ${TS(4)} ELSE locked_until END,
  failed_logins = CASE WHEN failed_logins + 1 >= $3 THEN 0 ELSE failed_logins + 1 END
  WHERE org = $1 AND id = $2 RETURNING failed_logins, locked_until`;
export const LOGIN_SQL = `UPDATE users SET failed_logins = 0, locked_until = NULL, last_login_at = ${TS(3)}
  WHERE org = $1 AND id = $2`;

export const PUT_TEAM_SQL = `INSERT INTO teams VALUES ($1, $2, ${TS(3)}) ON CONFLICT (org, name) DO NOTHING`;
export const LIST_TEAMS_SQL = 'SELECT * FROM teams WHERE org = $1 ORDER BY name';
export const DELETE_TEAM_SQL = 'DELETE FROM teams WHERE org = $1 AND name = $2 RETURNING name';
export const DELETE_TEAM_MEMBERS_SQL = 'DELETE FROM team_members WHERE org = $1 AND team = $2';
export const PUT_MEMBER_SQL = `INSERT INTO team_members VALUES ($1, $2, $3, $4)
  ON CONFLICT (org, team, user_id) DO UPDATE SET role = excluded.role`;
export const DELETE_MEMBER_SQL =
  'DELETE FROM team_members WHERE org = $1 AND team = $2 AND user_id = $3 RETURNING user_id';
export const LIST_MEMBERS_SQL = 'SELECT * FROM team_members WHERE org = $1 ORDER BY team, user_id';

export const PUT_SESSION_SQL = `INSERT INTO sessions VALUES ($1, $2, $3, $4, $5, ${TS(6)}, ${TS(7)}, ${TS(8)})`;
export const GET_SESSION_SQL = 'SELECT * FROM sessions WHERE id_hash = $1';
export const TOUCH_SESSION_SQL = `UPDATE sessions SET last_seen_at = ${TS(2)} WHERE id_hash = $1`;
export const DELETE_SESSION_SQL = 'DELETE FROM sessions WHERE id_hash = $1 RETURNING id_hash';
/** A user's or a token's sessions (`$2` user id, `$3` token id; either may be null). */
export const DELETE_SESSIONS_SQL = `DELETE FROM sessions WHERE org = $1
  AND (user_id = CAST($2 AS TEXT) OR token_id = CAST($3 AS TEXT)) RETURNING id_hash`;

export const INSERT_TOKEN_SQL = `INSERT INTO tokens VALUES ($1, $2, $3, $4, $5, $6, $7, ${TS(8)}, ${TS(9)}, ${TS(10)})`;
export const GET_TOKEN_SQL = 'SELECT * FROM tokens WHERE token_hash = $1';
export const LIST_TOKENS_SQL = 'SELECT * FROM tokens WHERE org = $1 ORDER BY created_at, id';
export const REVOKE_TOKEN_SQL = `UPDATE tokens SET revoked_at = ${TS(3)}
  WHERE org = $1 AND id = $2 AND revoked_at IS NULL RETURNING id`;
export const TOUCH_TOKEN_SQL = `UPDATE tokens SET last_used_at = ${TS(2)} WHERE id = $1`;

export const INSERT_INVITATION_SQL = `INSERT INTO invitations VALUES ($1, $2, $3, $4, $5, $6, $7, ${TS(8)}, ${TS(9)}, ${TS(10)})`;
export const GET_INVITATION_SQL = 'SELECT * FROM invitations WHERE token_hash = $1';
/** Marks an invitation used, once: only a pending one that has not expired at `$2`. */
export const CONSUME_INVITATION_SQL = `UPDATE invitations SET accepted_at = ${TS(2)}
  WHERE token_hash = $1 AND accepted_at IS NULL AND expires_at > ${TS(2)} RETURNING token_hash`;
export const LIST_INVITATIONS_SQL = 'SELECT * FROM invitations WHERE org = $1 ORDER BY created_at DESC';
