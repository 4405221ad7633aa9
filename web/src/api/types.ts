/**
 * The JSON the dashboard reads from the public HTTP API v1 (docs/DESIGN.md). Money is an exact decimal
 * string in the response's `currency`; token counts are integers.
 */

import type { z } from 'zod';
import type { Summary } from '../../../src/domain/api/analysis.ts';
import type { Amounts as AmountsSchema, Count as CountSchema } from '../../../src/domain/api/common.ts';
import type {
  IngestResult,
  SpendResponse as SpendSchema,
  UsageRecordJson as UsageRecordSchema,
} from '../../../src/domain/api/ledger.ts';

// The answers the contract describes (src/domain/api) are its types, not copies of them.

/** A summed count: a number up to 2^53 − 1, its exact digits as a string beyond (the API never rounds one). */
export type Count = z.infer<typeof CountSchema>;

/** Summed usage and cost, as in a spend row or the totals of a spend answer. */
export type Amounts = z.infer<typeof AmountsSchema>;

/**
 * A spend row: the amounts, `bucket` when bucketed, and one field per grouped dimension (the contract's
 * SpendRow, written so a row can also be built in the browser).
 */
export type SpendRow = Amounts & {
  bucket?: string;
  [dimension: string]: string | number | null | undefined;
};

export type SpendResponse = Omit<z.infer<typeof SpendSchema>, 'rows'> & { rows: SpendRow[] };

export type SummaryResponse = z.infer<typeof Summary>;

export type IngestResponse = z.infer<typeof IngestResult>;

export type UsageRecordJson = z.infer<typeof UsageRecordSchema>;

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

export interface SessionResponse {
  signedIn: boolean;
  org?: string;
  label?: string;
}
