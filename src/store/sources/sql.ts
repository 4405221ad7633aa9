import type {
  ContextMatch,
  StoredActivity,
  StoredRule,
  StoredSource,
  StoredSourceState,
} from '../types-sources.ts';

const TS = (n: number) => `CAST($${n} AS TIMESTAMPTZ)`;

export const PUT_SOURCE_SQL = `INSERT INTO sources VALUES ($1, $2, $3, $4, $5, $6, $7, ${TS(8)}, ${TS(9)})
  ON CONFLICT (org, id) DO UPDATE SET kind = excluded.kind, origin = excluded.origin, settings = excluded.settings,
  secret = excluded.secret, key_hint = excluded.key_hint, updated_at = excluded.updated_at`;

export const sourceParams = (s: StoredSource) => [
  s.org,
  s.id,
  s.kind,
  s.origin,
  JSON.stringify(s.settings),
  s.secret,
  s.keyHint,
  s.createdAt.toISOString(),
  s.updatedAt.toISOString(),
];

/** All sources of one org, or of every org when `$1` is null (key rotation). */
export const LIST_SOURCES_SQL =
  'SELECT * FROM sources WHERE (CAST($1 AS TEXT) IS NULL OR org = CAST($1 AS TEXT)) ORDER BY org, id';
export const DELETE_SOURCE_SQL = 'DELETE FROM sources WHERE org = $1 AND id = $2 RETURNING id';
export const DELETE_STATE_SQL = 'DELETE FROM source_state WHERE org = $1 AND source_id = $2';

export const stateParams = (s: StoredSourceState) => [
  s.org,
  s.sourceId,
  JSON.stringify(s.state),
  s.updatedAt.toISOString(),
];

export const PUT_STATE_SQL = `INSERT INTO source_state VALUES ($1, $2, $3, ${TS(4)})
  ON CONFLICT (org, source_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`;
export const GET_STATE_SQL = 'SELECT * FROM source_state WHERE org = $1 AND source_id = $2';

export const PUT_ACTIVITY_SQL = `INSERT INTO activities VALUES ($1, $2, $3, $4, $5, $6, ${TS(7)}, ${TS(8)}, $9)
  ON CONFLICT (org, id) DO UPDATE SET user_id = excluded.user_id, context = excluded.context,
  project = excluded.project, team = excluded.team, start_ts = excluded.start_ts, end_ts = excluded.end_ts`;

export const activityParams = (a: StoredActivity) => [
  a.org,
  a.id,
  a.user,
  a.context,
  a.project,
  a.team,
  a.start.toISOString(),
  a.end.toISOString(),
  a.source,
];

/** Activities whose window overlaps [$2, $3). */
export const LIST_ACTIVITIES_SQL = `SELECT * FROM activities
  WHERE org = $1 AND end_ts >= ${TS(2)} AND start_ts < ${TS(3)} ORDER BY start_ts, id`;

export const PUT_RULE_SQL = `INSERT INTO attribution_rules VALUES ($1, $2, $3, $4, ${TS(5)})
  ON CONFLICT (org, id) DO UPDATE SET position = excluded.position, rule = excluded.rule, updated_at = excluded.updated_at`;
export const ruleParams = (r: StoredRule) => [
  r.org,
  r.id,
  r.position,
  JSON.stringify(r.rule),
  r.updatedAt.toISOString(),
];

export const LIST_RULES_SQL = 'SELECT * FROM attribution_rules WHERE org = $1 ORDER BY position, id';
export const DELETE_RULE_SQL = 'DELETE FROM attribution_rules WHERE org = $1 AND id = $2 RETURNING id';

/**
 * The activity join after the fact: records of the user whose time falls in the window and that no
 * activity claimed yet get its context. `context` is not in the rollup, so only `usage` changes.
 */
export const SET_CONTEXT_SQL = `UPDATE usage SET context = $2
  WHERE org = $1 AND user_id = $3 AND ts >= ${TS(4)} AND ts < ${TS(5)} AND context IS NULL
  RETURNING id`;

export const contextParams = (org: string, m: ContextMatch) => [
  org,
  m.context,
  m.user,
  m.from.toISOString(),
  m.to.toISOString(),
];
