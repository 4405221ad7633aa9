/**
 * The JSON the dashboard reads from the public HTTP API v1 (docs/DESIGN.md). Money is an exact decimal
 * string in the response's `currency`; token counts are integers.
 */

/** A summed count: a number up to 2^53 − 1, its exact digits as a string beyond (the API never rounds one). */
export type Count = number | string;

/** Summed usage and cost, as in a spend row or the totals of a spend answer. */
export interface Amounts {
  cost: string;
  inputTokens: Count;
  outputTokens: Count;
  cacheReadTokens: Count;
  cacheWriteTokens: Count;
  reasoningTokens: Count;
  requests: Count;
  unpricedRequests: Count;
}

/** A spend row: the amounts, `bucket` when bucketed, and one field per grouped dimension. */
export type SpendRow = Amounts & {
  bucket?: string;
  [dimension: string]: string | number | null | undefined;
};

export interface SpendResponse {
  currency: string;
  from: string;
  to: string;
  groupBy: string[];
  bucket: string | null;
  tz: string;
  rows: SpendRow[];
  totals: Amounts;
  warnings: string[];
}

export interface SummaryLine {
  cost: string;
  share: number;
  requests: Count;
  inputTokens: Count;
  outputTokens: Count;
}

export interface SummaryResponse {
  currency: string;
  from: string;
  to: string;
  days: number;
  totalCost: string;
  averageDailyCost: string;
  changePercent: number | null;
  warnings: string[];
}

/** A catalog entry or override: prices are decimal strings in USD per 1M tokens. */
export interface PriceEntry {
  provider: string;
  model: string;
  effectiveFrom: string;
  aliases?: string[];
  input: string;
  output: string;
  cacheRead?: string;
  cacheWrite5m?: string;
  cacheWrite1h?: string;
  reasoning?: string;
  batchDiscountPercent?: number;
  updatedAt?: string;
}

export interface UnpricedModel {
  provider: string;
  model: string;
  records: number;
  requests: Count;
  inputTokens: Count;
  outputTokens: Count;
  firstSeen: string;
  lastSeen: string;
}

export interface PricingResponse {
  currency: string;
  unit: string;
  catalogDate: string;
  models: PriceEntry[];
  overrides: PriceEntry[];
  unpriced: UnpricedModel[];
}

export interface FieldError {
  path: string;
  message: string;
}

export interface IngestResponse {
  accepted: number;
  duplicates: number;
  rejected: { index: number; errors: FieldError[] }[];
  /** Models the catalog cannot price: stored unpriced, with the nearest known name. */
  unpriced: { provider: string; model: string; count: number; suggestion: string | null }[];
}

export interface UsageRecordJson {
  id: string;
  timestamp: string;
  tags: Record<string, string>;
}

export interface SessionResponse {
  signedIn: boolean;
  org?: string;
  label?: string;
}
