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

/** Summed usage and its exact cost. */
export interface SpendAmounts {
  costMicros: bigint;
  /** Requests of unknown models, whose cost is not in `costMicros`. */
  unpricedRequests: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  reasoningTokens: number;
  requests: number;
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
  requests: number;
  inputTokens: number;
  outputTokens: number;
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

export interface AuditEntry {
  org: string;
  at: Date;
  actor: string;
  action: string;
  detail: Record<string, unknown>;
}

export interface StoredPriceOverride {
  org: string;
  provider: string;
  model: string;
  effectiveFrom: string;
  /** The override as its JSON document (see src/price/entry.ts). */
  entry: Record<string, unknown>;
  updatedAt: Date;
}

/** The ledger's storage. Every method is scoped to one org; only code under src/store/ implements it. */
export interface Store {
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
  countUsage(org: string): Promise<number>;
  unpricedModels(org: string): Promise<UnpricedModel[]>;
  /** Rewrites costs of existing records and keeps rollups in step. */
  updateCosts(org: string, updates: CostUpdate[]): Promise<number>;
  addAudit(entry: AuditEntry): Promise<void>;
  listAudit(org: string, limit: number): Promise<AuditEntry[]>;
  putPriceOverride(override: StoredPriceOverride): Promise<void>;
  deletePriceOverride(org: string, provider: string, model: string, effectiveFrom: string): Promise<boolean>;
  listPriceOverrides(org: string): Promise<StoredPriceOverride[]>;
  /** Stores the hash of an API token for an org; `label` names it. */
  putToken(org: string, tokenHash: string, label: string): Promise<void>;
  findToken(tokenHash: string): Promise<{ org: string; label: string } | null>;
  countTokens(): Promise<number>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
