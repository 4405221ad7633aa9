import type { StoredActivity, StoredRule, StoredSource, StoredSourceState } from '../types-sources.ts';

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

/** A `source_state` row as a `StoredSourceState`. */
export function stateFromRow(x: Record<string, unknown>): StoredSourceState {
  return {
    org: String(x.org),
    sourceId: String(x.source_id),
    state: JSON.parse(String(x.state)) as Record<string, unknown>,
    updatedAt: x.updated_at as Date,
  };
}

/** An `activities` row as a `StoredActivity`. */
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

/** An `attribution_rules` row as a `StoredRule`. */
export function ruleFromRow(x: Record<string, unknown>): StoredRule {
  return {
    org: String(x.org),
    id: String(x.id),
    position: Number(x.position),
    rule: JSON.parse(String(x.rule)) as Record<string, unknown>,
    updatedAt: x.updated_at as Date,
  };
}
