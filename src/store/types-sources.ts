/** A pull source as stored; `secret` is the AES-256-GCM ciphertext of its key (null for config sources). */
export interface StoredSource {
  org: string;
  id: string;
  kind: string;
  origin: 'config' | 'api';
  settings: Record<string, unknown>;
  secret: string | null;
  keyHint: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A source's sync state (cursors and last outcome) as a JSON document the app layer validates. */
export interface StoredSourceState {
  org: string;
  sourceId: string;
  state: Record<string, unknown>;
  updatedAt: Date;
}

/** An activity (a notebook run, a CI job) for the join: usage of `user` within its window gets `context`. */
export interface StoredActivity {
  org: string;
  id: string;
  user: string;
  context: string;
  project: string | null;
  team: string | null;
  start: Date;
  end: Date;
  source: string;
}

export interface StoredRule {
  org: string;
  id: string;
  position: number;
  rule: Record<string, unknown>;
  updatedAt: Date;
}

/** Records of `user` with `from <= timestamp < to` and no context yet get `context`. */
export interface ContextMatch {
  user: string;
  from: Date;
  to: Date;
  context: string;
}

/**
 * Pull sources with their sync state, activities for the join and attribution rules. Documents
 * (settings, state, rules) are JSON objects; the app layer validates them.
 */
export interface SourceRepo {
  putSource(source: StoredSource): Promise<void>;
  /** Sources of one org, or of all orgs when `org` is null. */
  listSources(org: string | null): Promise<StoredSource[]>;
  /** Deletes a source and its state. */
  deleteSource(org: string, id: string): Promise<boolean>;
  getSourceState(org: string, sourceId: string): Promise<StoredSourceState | null>;
  putSourceState(state: StoredSourceState): Promise<void>;
  putActivities(activities: StoredActivity[]): Promise<void>;
  /** Activities whose window overlaps [from, to). */
  listActivities(org: string, range: { from: Date; to: Date }): Promise<StoredActivity[]>;
  /** The activity join after the fact; returns how many records got the context. */
  setContext(org: string, match: ContextMatch): Promise<number>;
  putRule(rule: StoredRule): Promise<void>;
  listRules(org: string): Promise<StoredRule[]>;
  deleteRule(org: string, id: string): Promise<boolean>;
}
