/** Providers spendlens knows by name; others are accepted as plain strings. */
export const KNOWN_PROVIDERS = [
  'openai',
  'anthropic',
  'google',
  'azure-openai',
  'bedrock',
  'mistral',
  'cohere',
  'other',
] as const;

/**
 * The service of records that copy a provider's invoice lines (OpenAI costs, Anthropic cost report). They
 * are a second view of consumption that usage records already count, so queries leave them out unless
 * they ask for this service by name: totals never count the same spend twice.
 */
export const INVOICE_SERVICE = 'cost-report';

export const COST_KINDS = ['billed', 'estimated', 'unpriced'] as const;
export type CostKind = (typeof COST_KINDS)[number];

export const TOKEN_FIELDS = [
  'inputTokens',
  'outputTokens',
  'cacheReadTokens',
  'cacheWriteTokens',
  'reasoningTokens',
  'requests',
] as const;
export type TokenField = (typeof TOKEN_FIELDS)[number];

/**
 * One priced unit of AI consumption: a single call or a provider-reported bucket.
 * `costMicros` is the exact cost in millionths of `currency`; null only when `costKind` is `unpriced`.
 * `inputTokens` excludes cache reads and writes.
 */
export interface UsageRecord {
  id: string;
  org: string;
  source: string;
  timestamp: Date;
  endTimestamp: Date | null;
  provider: string;
  service: string;
  model: string;
  user: string | null;
  team: string | null;
  project: string | null;
  apiKey: string | null;
  context: string | null;
  tags: Record<string, string>;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  reasoningTokens: number;
  requests: number;
  costMicros: number | null;
  currency: string;
  costKind: CostKind;
}

/** Attribution dimensions a report can group or filter by; `tag:<key>` reaches into tags. */
export const DIMENSIONS = [
  'provider',
  'service',
  'model',
  'user',
  'team',
  'project',
  'context',
  'apiKey',
  'source',
  'costKind',
] as const;
export type Dimension = (typeof DIMENSIONS)[number];
export type GroupKey = Dimension | `tag:${string}`;

export const BUCKETS = ['hour', 'day', 'week', 'month'] as const;
export type Bucket = (typeof BUCKETS)[number];

export function isDimension(value: string): value is Dimension {
  return (DIMENSIONS as readonly string[]).includes(value);
}

/** Parses `model` or `tag:env` into a group key, or returns null when it is neither. */
export function parseGroupKey(value: string): GroupKey | null {
  if (isDimension(value)) return value;
  if (/^tag:[A-Za-z0-9_.\-/]{1,64}$/.test(value)) return value as `tag:${string}`;
  return null;
}
