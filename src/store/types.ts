import type { AlertingRepo } from './types-alerting.ts';
import type { AnomalyRepo } from './types-anomalies.ts';
import type { AuditRepo } from './types-audit.ts';
import type { DetectionRepo, FineSpendQuery, FineSpendRow } from './types-detection.ts';
import type { GatewayStore } from './types-gateway.ts';
import type { IdentityRepo } from './types-identity.ts';
import type { PriceOverrideRepo } from './types-price-overrides.ts';
import type { SourceRepo } from './types-sources.ts';
import type { SubscriptionRepo } from './types-subscriptions.ts';

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

export interface BulkOptions {
  /** Records per transaction where the engine batches parts (DuckDB: one row group, 122,880). */
  rowsPerWrite?: number;
}

/** A bulk load in parts (a file import); see `UsageRepo.bulkInsert`. */
export interface BulkInsert {
  /** Takes a part, once the previous one's `add` has resolved; the part may still be staged, not yet durable. */
  add(records: UsageRecord[]): Promise<void>;
  /** Writes what is still staged; resolves once every part is durable, with the totals of all parts. */
  finish(): Promise<InsertResult>;
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

/** What the ledger holds, read: records page by page, spend in buckets, counts (`usage/read-repo.ts`). */
export interface UsageReadRepo {
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
}

/** The ledger's records: the reads, and the four writes that keep rollups and watermarks in step. */
export interface UsageRepo extends UsageReadRepo {
  /** Writes records idempotently by (org, id); resolves once they are durable. */
  insertUsage(records: UsageRecord[]): Promise<InsertResult>;
  /**
   * Writes many records in parts as `insertUsage` does, in larger transactions where the engine gains by
   * it; a part that failed to land is written again by importing it again (ids make that idempotent).
   */
  bulkInsert(options?: BulkOptions): Promise<BulkInsert>;
  /** Rewrites costs of existing records and keeps rollups in step. */
  updateCosts(org: string, updates: CostUpdate[]): Promise<number>;
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
}

/** The store as a whole, apart from what it holds: its engine, schema, leadership, health and closing. */
export interface StoreLifecycle {
  readonly engine: 'duckdb' | 'postgres';
  migrate(): Promise<void>;
  /** The scheduler's leadership lock named `name`. */
  leaderLock(name: string): LeaderLock;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** The ledger's storage. Every method is scoped to one org; only code under src/store/ implements it. */
export interface Store
  extends UsageRepo,
    SubscriptionRepo,
    IdentityRepo,
    AlertingRepo,
    DetectionRepo,
    GatewayStore,
    AuditRepo,
    PriceOverrideRepo,
    AnomalyRepo,
    SourceRepo,
    StoreLifecycle {}
