import type {
  AlertDelivery,
  AlertQuery,
  StoredAlert,
  StoredBudget,
  StoredChannel,
  StoredReport,
} from './types-alerting.ts';
import type { AnomalyRepo } from './types-anomalies.ts';
import type { AuditRepo } from './types-audit.ts';
import type { DetectionMark, FineSpendQuery, FineSpendRow } from './types-detection.ts';
import type { GatewayStore } from './types-gateway.ts';
import type {
  StoredInvitation,
  StoredOrg,
  StoredSession,
  StoredTeam,
  StoredTeamMember,
  StoredToken,
  StoredUser,
} from './types-identity.ts';
import type { PriceOverrideRepo } from './types-price-overrides.ts';
import type { SourceRepo } from './types-sources.ts';
import type { SubscriptionStore } from './types-subscriptions.ts';

export type * from './types-alerting.ts';
export type * from './types-anomalies.ts';
export { ANOMALY_STATUSES } from './types-anomalies.ts';
export type * from './types-audit.ts';
export type * from './types-detection.ts';
export type * from './types-gateway.ts';
export type * from './types-identity.ts';
export type * from './types-price-overrides.ts';
export type * from './types-sources.ts';
export type * from './types-subscriptions.ts';

import type { Bucket, CostKind, Dimension, GroupKey, UsageRecord } from '../domain/record.ts';

/** Filters shared by record listing and spend queries; each dimension matches any of its values. */
export interface UsageFilter {
  org: string;
  from?: Date;
  to?: Date;
  /** Dimension → accepted values. A null in the list matches records where the dimension is unset. */
  dimensions?: Partial<Record<Dimension, (string | null)[]>>;
  /** Tag key → accepted values. */
  tags?: Record<string, string[]>;
  /** Services left out: anomaly detection leaves out fixed seat fees (service "seat"), which are not usage. */
  excludeServices?: string[];
  /**
   * What the caller may see, set only by the access layer (src/app/access/scope.ts): records of these
   * teams or of these users. Absent: everything in the org. Present but both empty: nothing.
   */
  visibility?: Visibility;
}

/** A reader limited to some teams' spend and some users' own usage. */
export interface Visibility {
  teams: string[];
  users: string[];
}

/** A filter for scans, with shorthands for the cost kinds and models to visit. */
export interface ScanFilter extends UsageFilter {
  costKinds?: CostKind[];
  models?: string[];
}

export interface UsagePageQuery extends UsageFilter {
  limit: number;
  /** Opaque cursor from a previous page. */
  cursor?: string | null;
}

export interface UsagePage {
  records: UsageRecord[];
  nextCursor: string | null;
}

export interface SpendQuery extends UsageFilter {
  groupBy: GroupKey[];
  bucket?: Bucket;
  /** IANA zone for bucket boundaries; UTC when omitted. */
  tz?: string;
}

/** Summed usage and its exact cost: bigints, since sums of many records pass 2^53 (see domain/limits.ts). */
export interface SpendAmounts {
  costMicros: bigint;
  /** Requests of unknown models, whose cost is not in `costMicros`. */
  unpricedRequests: bigint;
  inputTokens: bigint;
  outputTokens: bigint;
  cacheReadTokens: bigint;
  cacheWriteTokens: bigint;
  reasoningTokens: bigint;
  requests: bigint;
}

/** One aggregate row in the record's own currency; the app layer converts and merges currencies. */
export interface SpendRow extends SpendAmounts {
  bucket: Date | null;
  dims: Record<string, string | null>;
  currency: string;
}

export interface InsertResult {
  inserted: number;
  duplicates: number;
}

export interface UnpricedModel {
  provider: string;
  model: string;
  records: number;
  requests: bigint;
  inputTokens: bigint;
  outputTokens: bigint;
  firstSeen: Date;
  lastSeen: Date;
}

/** A record's re-priced cost, written back by `updateCosts`. */
export interface CostUpdate {
  id: string;
  costMicros: number | null;
  currency: string;
  costKind: CostKind;
}

export interface ReplaceResult {
  inserted: number;
  replaced: number;
}

/** A lock only one holder in a deployment has at a time (PostgreSQL: an advisory lock). */
export interface LeaderLock {
  /** True when this instance holds the lock now, taking it if it is free. */
  tryAcquire(): Promise<boolean>;
  release(): Promise<void>;
}

/** The ledger's storage. Every method is scoped to one org; only code under src/store/ implements it. */
export interface Store
  extends SubscriptionStore,
    GatewayStore,
    AuditRepo,
    PriceOverrideRepo,
    AnomalyRepo,
    SourceRepo {
  readonly engine: 'duckdb' | 'postgres';
  migrate(): Promise<void>;
  /** Writes records idempotently by (org, id); resolves once they are durable. */
  insertUsage(records: UsageRecord[]): Promise<InsertResult>;
  listUsage(query: UsagePageQuery): Promise<UsagePage>;
  /** Streams the records a filter matches in batches (for re-pricing and exports). */
  scanUsage(
    filter: UsageFilter & { costKinds?: CostKind[]; models?: string[] },
    batchSize: number,
  ): AsyncIterable<UsageRecord[]>;
  spend(query: SpendQuery): Promise<SpendRow[]>;
  /** Spend of per-call records and sub-hour buckets in slots, for the per-minute intraday check. */
  fineSpend(query: FineSpendQuery): Promise<FineSpendRow[]>;
  countUsage(org: string): Promise<number>;
  unpricedModels(org: string): Promise<UnpricedModel[]>;
  /** Rewrites costs of existing records and keeps rollups in step. */
  updateCosts(org: string, updates: CostUpdate[]): Promise<number>;
  /** Stores the hash of an owner-level API token (all scopes) for an org; `label` names it. */
  putToken(org: string, tokenHash: string, label: string): Promise<void>;
  /** A live (not revoked) token's org and label. */
  findToken(tokenHash: string): Promise<{ org: string; label: string } | null>;
  countTokens(): Promise<number>;
  /** Creates an org unless it exists. */
  putOrg(org: StoredOrg): Promise<void>;
  getOrg(id: string): Promise<StoredOrg | null>;
  /** Every org with an account (the scheduler runs each org's jobs). */
  listOrgs(): Promise<StoredOrg[]>;
  /** False (and nothing written) when the email or id is taken. */
  insertUser(user: StoredUser): Promise<boolean>;
  /** Writes name, role, password hash, usage user and disabled; false when there is no such user. */
  updateUser(user: StoredUser): Promise<boolean>;
  getUser(org: string, id: string): Promise<StoredUser | null>;
  /** The user with this (lower-cased) email in any org. */
  findUserByEmail(email: string): Promise<StoredUser | null>;
  listUsers(org: string): Promise<StoredUser[]>;
  /** Deletes a user with their memberships and sessions. */
  deleteUser(org: string, id: string): Promise<boolean>;
  /** Counts a failed sign-in; the `lock.after`-th locks the account until `lock.until` and restarts the count. */
  recordLoginFailure(
    org: string,
    id: string,
    lock: { after: number; until: Date },
  ): Promise<{ failedLogins: number; lockedUntil: Date | null }>;
  /** A successful sign-in: clears failures and the lock. */
  recordLogin(org: string, id: string, at: Date): Promise<void>;
  putTeam(team: StoredTeam): Promise<void>;
  listTeams(org: string): Promise<StoredTeam[]>;
  /** Deletes a team and its memberships. */
  deleteTeam(org: string, name: string): Promise<boolean>;
  /** Adds a member or changes their role in the team. */
  putTeamMember(member: StoredTeamMember): Promise<void>;
  deleteTeamMember(org: string, team: string, userId: string): Promise<boolean>;
  listTeamMembers(org: string): Promise<StoredTeamMember[]>;
  putSession(session: StoredSession): Promise<void>;
  getSession(idHash: string): Promise<StoredSession | null>;
  touchSession(idHash: string, at: Date): Promise<void>;
  deleteSession(idHash: string): Promise<boolean>;
  /** Ends every session of a user or of a token; returns how many. */
  deleteSessions(org: string, owner: { userId?: string; tokenId?: string }): Promise<number>;
  insertToken(token: StoredToken): Promise<void>;
  /** The token with this hash, revoked or not. */
  getTokenByHash(tokenHash: string): Promise<StoredToken | null>;
  listTokens(org: string): Promise<StoredToken[]>;
  /** Revokes a live token; false when the org has no live token with that id. */
  revokeToken(org: string, id: string, at: Date): Promise<boolean>;
  touchToken(id: string, at: Date): Promise<void>;
  insertInvitation(invitation: StoredInvitation): Promise<void>;
  getInvitation(tokenHash: string): Promise<StoredInvitation | null>;
  /** Marks a pending, unexpired invitation accepted at `at`; false when it was used or expired. */
  consumeInvitation(tokenHash: string, at: Date): Promise<boolean>;
  listInvitations(org: string): Promise<StoredInvitation[]>;
  /**
   * Writes records whose content may have changed since a previous write (a provider's revised bucket,
   * re-applied attribution): existing ids are replaced, new ones inserted, rollups kept in step.
   */
  replaceUsage(org: string, records: UsageRecord[]): Promise<ReplaceResult>;
  /**
   * Removes records by id from the ledger and the rollup in one transaction and answers those it found;
   * with `dryRun`, only finds them. The caller audits.
   */
  voidUsage(org: string, ids: string[], dryRun: boolean): Promise<UsageRecord[]>;
  /** The scheduler's leadership lock named `name`. */
  leaderLock(name: string): LeaderLock;
  putBudget(budget: StoredBudget): Promise<void>;
  listBudgets(org: string | null): Promise<StoredBudget[]>;
  deleteBudget(org: string, id: string): Promise<boolean>;
  putChannel(channel: StoredChannel): Promise<void>;
  /** Channels of one org, or of all orgs when `org` is null. */
  listChannels(org: string | null): Promise<StoredChannel[]>;
  deleteChannel(org: string, id: string): Promise<boolean>;
  /** Inserts an alert unless the org already has one with its dedupe key; true when inserted. */
  insertAlert(alert: StoredAlert): Promise<boolean>;
  updateAlertDeliveries(org: string, id: string, deliveries: AlertDelivery[]): Promise<void>;
  listAlerts(query: AlertQuery): Promise<StoredAlert[]>;
  getAlert(org: string, id: string): Promise<StoredAlert | null>;
  /** Archives a report; false (and nothing changed) when the id exists: archives are read-only. */
  insertReport(report: StoredReport): Promise<boolean>;
  getReport(org: string, id: string): Promise<StoredReport | null>;
  /** Reports newest period first, without filtering content out. */
  listReports(query: { org: string; kind?: 'daily' | 'weekly'; limit: number }): Promise<StoredReport[]>;
  /** Retention: deletes reports created before `before`; returns how many. */
  deleteReportsBefore(org: string, before: Date): Promise<number>;
  /** When the scheduled job `name` last completed (for catch-up after downtime). */
  getJobRun(org: string, name: string): Promise<Date | null>;
  putJobRun(org: string, name: string, at: Date): Promise<void>;
  /** The org's detection watermark; null before its first run. */
  getDetectionMark(org: string): Promise<DetectionMark | null>;
  /** Moves the org's `writtenFrom` back to `earliest` (no-op when already earlier); every usage write calls it. */
  markWritten(org: string, earliest: Date): Promise<void>;
  /** Clears `writtenFrom` if it is still `seen` (a run starting): a write after that marks it again. */
  takeWritten(org: string, seen: Date): Promise<void>;
  /** Records what a run examined: daily anomalies from `from`, everything up to `at`. */
  putExamined(org: string, examined: { from: Date; at: Date }): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
