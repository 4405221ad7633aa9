import { z } from 'zod';
import { decimalToScaled, formatMicros } from '../domain/money.ts';
import { type MatchRule, matchRuleSchema } from './match.ts';

/**
 * USD per 1M tokens, held exactly as micro-dollars per 1M tokens ($2.50/MTok → 2_500_000n).
 * Finer digits than $0.000001/MTok are rounded half up when parsed.
 */
export type MicrosPerMTok = bigint;

/** Rates that replace the base ones for a whole request whose prompt exceeds `thresholdTokens`. */
export interface LongContextTier {
  thresholdTokens: number;
  input: MicrosPerMTok;
  output: MicrosPerMTok;
  cacheRead?: MicrosPerMTok;
  cacheWrite5m?: MicrosPerMTok;
  cacheWrite1h?: MicrosPerMTok;
}

/** Audio and image tokens, priced apart from text where a model lists them (OpenAI realtime, image models). */
export interface ModalityRates {
  inputAudio?: MicrosPerMTok;
  cacheReadAudio?: MicrosPerMTok;
  outputAudio?: MicrosPerMTok;
  inputImage?: MicrosPerMTok;
  cacheReadImage?: MicrosPerMTok;
  outputImage?: MicrosPerMTok;
}

/** A multiplier held exactly in millionths: 2 → 2_000_000n, 1.1 → 1_100_000n. */
export type Factor = bigint;

/**
 * Price multipliers of service tiers and modes, applied to a record's token cost: OpenAI `priority`
 * and `flex`, Anthropic fast mode (`speed: fast`) and US-only inference (`inference_geo: us`).
 */
export interface TierFactors {
  priority?: Factor;
  flex?: Factor;
  fast?: Factor;
  usOnly?: Factor;
}

export const FACTOR_SCALE = 1_000_000n;

/** One model's prices from `effectiveFrom` (a UTC date) until a later entry for the same model. */
export interface PriceEntry extends ModalityRates {
  provider: string;
  model: string;
  effectiveFrom: string;
  aliases: string[];
  input: MicrosPerMTok;
  output: MicrosPerMTok;
  cacheRead?: MicrosPerMTok;
  cacheWrite5m?: MicrosPerMTok;
  cacheWrite1h?: MicrosPerMTok;
  /** Only set when reasoning tokens are priced apart from other output tokens. */
  reasoning?: MicrosPerMTok;
  longContext?: LongContextTier;
  batchDiscountPercent?: number;
  /** USD per 1,000 calls of a provider-side tool, held as micro-dollars per 1,000 calls. */
  webSearchPerK?: MicrosPerMTok;
  fileSearchPerK?: MicrosPerMTok;
  factors?: TierFactors;
  /** Other names the entry answers to, for names that are neither the model nor an alias. */
  match?: MatchRule;
  /** Where a saved entry came from when not typed by a person: `@pydantic/genai-prices 0.1.9`. */
  origin?: string;
  currency: 'USD';
}

/** Highest price per 1M tokens (a thousand dollars a token), so a saved price always reads back. */
export const MAX_PRICE = 1_000_000_000n * 1_000_000n;

const price = z.union([z.number(), z.string().trim()]).transform((value, ctx): MicrosPerMTok => {
  const scaled = decimalToScaled(String(value), 6);
  if (scaled === null || scaled < 0n || scaled > MAX_PRICE) {
    const message = 'must be a non-negative decimal price in USD per 1M tokens, at most 1000000000';
    ctx.addIssue({ code: 'custom', message });
    return z.NEVER;
  }
  return scaled;
});

const factor = z.union([z.number(), z.string().trim()]).transform((value, ctx): Factor => {
  const scaled = decimalToScaled(String(value), 6);
  if (scaled === null || scaled <= 0n || scaled > 100n * FACTOR_SCALE) {
    ctx.addIssue({ code: 'custom', message: 'must be a multiplier above 0 and at most 100' });
    return z.NEVER;
  }
  return scaled;
});

const factorsSchema = z.strictObject({
  priority: factor.optional(),
  flex: factor.optional(),
  fast: factor.optional(),
  usOnly: factor.optional(),
});

/** A UTC calendar day written as YYYY-MM-DD. */
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine((text) => {
    const day = new Date(`${text}T00:00:00Z`);
    return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(text);
  }, 'must be a real date');

const longContextSchema = z.object({
  thresholdTokens: z.number().int().positive(),
  input: price,
  output: price,
  cacheRead: price.optional(),
  cacheWrite5m: price.optional(),
  cacheWrite1h: price.optional(),
});

/** A price entry as written in spendlens.toml or sent to the pricing API: prices as numbers or decimal strings. */
export const priceEntrySchema: z.ZodType<PriceEntry, PriceEntryJson> = z.object({
  provider: z.string().trim().toLowerCase().min(1).max(64),
  model: z.string().trim().min(1).max(200),
  effectiveFrom: isoDateSchema,
  aliases: z.array(z.string().trim().min(1).max(200)).default([]),
  input: price,
  output: price,
  cacheRead: price.optional(),
  cacheWrite5m: price.optional(),
  cacheWrite1h: price.optional(),
  reasoning: price.optional(),
  inputAudio: price.optional(),
  cacheReadAudio: price.optional(),
  outputAudio: price.optional(),
  inputImage: price.optional(),
  cacheReadImage: price.optional(),
  outputImage: price.optional(),
  longContext: longContextSchema.optional(),
  batchDiscountPercent: z.number().min(0).max(100).optional(),
  webSearchPerK: price.optional(),
  fileSearchPerK: price.optional(),
  factors: factorsSchema.optional(),
  match: matchRuleSchema.optional(),
  origin: z.string().trim().min(1).max(100).optional(),
  currency: z.literal('USD').default('USD'),
});

type JsonPrice = string | number;

/** The plain JSON form of a `PriceEntry`; the API answers with decimal strings. */
export interface PriceEntryJson {
  provider: string;
  model: string;
  effectiveFrom: string;
  aliases?: string[];
  input: JsonPrice;
  output: JsonPrice;
  cacheRead?: JsonPrice;
  cacheWrite5m?: JsonPrice;
  cacheWrite1h?: JsonPrice;
  reasoning?: JsonPrice;
  longContext?: {
    thresholdTokens: number;
    input: JsonPrice;
    output: JsonPrice;
    cacheRead?: JsonPrice;
    cacheWrite5m?: JsonPrice;
    cacheWrite1h?: JsonPrice;
  };
  batchDiscountPercent?: number;
  inputAudio?: JsonPrice;
  cacheReadAudio?: JsonPrice;
  outputAudio?: JsonPrice;
  inputImage?: JsonPrice;
  cacheReadImage?: JsonPrice;
  outputImage?: JsonPrice;
  webSearchPerK?: JsonPrice;
  fileSearchPerK?: JsonPrice;
  factors?: Partial<Record<keyof TierFactors, JsonPrice>>;
  match?: MatchRule;
  origin?: string;
  currency?: 'USD';
}

const FACTOR_KEYS = ['priority', 'flex', 'fast', 'usOnly'] as const;

const EXTRA_PRICES = [
  'inputAudio',
  'cacheReadAudio',
  'outputAudio',
  'inputImage',
  'cacheReadImage',
  'outputImage',
  'webSearchPerK',
  'fileSearchPerK',
] as const;

/** Turns an entry back into JSON with decimal-string prices ("2.5"), which `priceEntrySchema` reads back. */
export function priceEntryToJson(entry: PriceEntry): PriceEntryJson {
  const { longContext, batchDiscountPercent } = entry;
  return {
    provider: entry.provider,
    model: entry.model,
    effectiveFrom: entry.effectiveFrom,
    aliases: [...entry.aliases],
    input: formatPrice(entry.input),
    output: formatPrice(entry.output),
    ...optionalPrices(entry),
    ...(entry.reasoning !== undefined && { reasoning: formatPrice(entry.reasoning) }),
    ...(longContext && {
      longContext: {
        thresholdTokens: longContext.thresholdTokens,
        input: formatPrice(longContext.input),
        output: formatPrice(longContext.output),
        ...optionalPrices(longContext),
      },
    }),
    ...(batchDiscountPercent !== undefined && { batchDiscountPercent }),
    ...Object.fromEntries(
      EXTRA_PRICES.flatMap((key) => {
        const value = entry[key];
        return value === undefined ? [] : [[key, formatPrice(value)]];
      }),
    ),
    ...(entry.factors && {
      // why: a fixed key order, so that two entries with the same factors write the same JSON.
      factors: Object.fromEntries(
        FACTOR_KEYS.flatMap((key) => {
          const value = entry.factors?.[key];
          return value === undefined ? [] : [[key, formatPrice(value)]];
        }),
      ),
    }),
    ...(entry.match && { match: entry.match }),
    ...(entry.origin && { origin: entry.origin }),
    currency: entry.currency,
  };
}

function optionalPrices(rates: Pick<LongContextTier, 'cacheRead' | 'cacheWrite5m' | 'cacheWrite1h'>) {
  return {
    ...(rates.cacheRead !== undefined && { cacheRead: formatPrice(rates.cacheRead) }),
    ...(rates.cacheWrite5m !== undefined && { cacheWrite5m: formatPrice(rates.cacheWrite5m) }),
    ...(rates.cacheWrite1h !== undefined && { cacheWrite1h: formatPrice(rates.cacheWrite1h) }),
  };
}

/** 2_500_000n → "2.5": the six-place form without trailing zeros. */
function formatPrice(value: MicrosPerMTok): string {
  return formatMicros(value).replace(/\.?0+$/, '');
}
