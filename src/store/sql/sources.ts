import type {
  ContextMatch,
  Store,
  StoredActivity,
  StoredRule,
  StoredSource,
  StoredSourceState,
} from '../types.ts';

/** The Store methods of sources, activities and rules, which each engine implements in its sources.ts. */
export type SourceMethods = Pick<
  Store,
  | 'replaceUsage'
  | 'voidUsage'
  | 'setContext'
  | 'putSource'
  | 'listSources'
  | 'deleteSource'
  | 'getSourceState'
  | 'putSourceState'
  | 'putActivities'
  | 'listActivities'
  | 'putRule'
  | 'listRules'
  | 'deleteRule'
  | 'leaderLock'
>;

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
export const LIST_RULES_SQL = 'SELECT * FROM attribution_rules WHERE org = $1 ORDER BY position, id';
export const DELETE_RULE_SQL = 'DELETE FROM attribution_rules WHERE org = $1 AND id = $2 RETURNING id';

/**
 * The activity join after the fact: records of the user whose time falls in the window and that no
 * activity claimed yet get its context. `context` is not in the rollup, so only `usage` changes.
 */
export const SET_CONTEXT_SQL = `UPDATE usage SET context = $2
  WHERE org = $1 AND user_id = $3 AND ts >= ${TS(4)} AND ts < ${TS(5)} AND context IS NULL`;

export const contextParams = (org: string, m: ContextMatch) => [
  org,
  m.context,
  m.user,
  m.from.toISOString(),
  m.to.toISOString(),
];

/** The one place a `sources` row becomes a `StoredSource`. */
export function sourceFromRow(x: Record<string, unknown>): StoredSource {
  return {
    org: String(x.org),
    id: String(x.id),
    kind: String(x.kind),
    origin: x.origin === 'config' ? 'config' : 'api',
    settings: JSON.parse(String(x.settings)) as Record<string, unknown>,
    secret: x.secret === null ? null : String(x.secret),
    keyHint: x.key_hint === null ? null : String(x.key_hint),
    createdAt: x.created_at as Date,
    updatedAt: x.updated_at as Date,
  };
}

export function stateFromRow(x: Record<string, unknown>): StoredSourceState {
  return {
    org: String(x.org),
    sourceId: String(x.source_id),
    state: JSON.parse(String(x.state)) as Record<string, unknown>,
    updatedAt: x.updated_at as Date,
  };
}

export function activityFromRow(x: Record<string, unknown>): StoredActivity {
  return {
    org: String(x.org),
    id: String(x.id),
    user: String(x.user_id),
    context: String(x.context),
    project: x.project === null ? null : String(x.project),
    team: x.team === null ? null : String(x.team),
    start: x.start_ts as Date,
    end: x.end_ts as Date,
    source: String(x.source),
  };
}

export function ruleFromRow(x: Record<string, unknown>): StoredRule {
  return {
    org: String(x.org),
    id: String(x.id),
    position: Number(x.position),
    rule: JSON.parse(String(x.rule)) as Record<string, unknown>,
    updatedAt: x.updated_at as Date,
  };
}
