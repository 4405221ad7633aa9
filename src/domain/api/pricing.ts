import { z } from 'zod';
import { Count, Currency, Day, Instant, named } from './common.ts';
import { Repriced } from './operations.ts';

/** A price: USD per 1M tokens (per 1,000 calls for the search fees), an exact decimal string. */
const Price = z.string().regex(/^\d+(\.\d+)?$/);

/** A catalog entry or override as answers show it. */
export const CatalogEntry = named(
  z.strictObject({
    provider: z.string(),
    model: z.string(),
    effectiveFrom: Day,
    aliases: z.array(z.string()),
    input: Price,
    output: Price,
    cacheRead: Price.optional(),
    cacheWrite5m: Price.optional(),
    cacheWrite1h: Price.optional(),
    reasoning: Price.optional(),
    inputAudio: Price.optional(),
    cacheReadAudio: Price.optional(),
    outputAudio: Price.optional(),
    inputImage: Price.optional(),
    cacheReadImage: Price.optional(),
    outputImage: Price.optional(),
    longContext: z
      .strictObject({
        thresholdTokens: z.number().int(),
        input: Price,
        output: Price,
        cacheRead: Price.optional(),
        cacheWrite5m: Price.optional(),
        cacheWrite1h: Price.optional(),
      })
      .optional(),
    batchDiscountPercent: z.number().optional(),
    webSearchPerK: Price.optional(),
    fileSearchPerK: Price.optional(),
    factors: z
      .strictObject({
        priority: Price.optional(),
        flex: Price.optional(),
        fast: Price.optional(),
        usOnly: Price.optional(),
      })
      .optional(),
    match: z.unknown().optional().meta({ description: "genai-prices' match rule for model names" }),
    origin: z.string().optional(),
    currency: z.literal('USD'),
    updatedAt: Instant.optional(),
  }),
  'CatalogEntry',
);

export const Pricing = named(
  z.strictObject({
    currency: Currency,
    unit: z.string(),
    catalogDate: Day,
    catalogSource: z.string(),
    models: z.array(CatalogEntry),
    overrides: z.array(CatalogEntry),
    unpriced: z.array(
      z.strictObject({
        provider: z.string(),
        model: z.string(),
        records: z.number().int(),
        requests: Count,
        inputTokens: Count,
        outputTokens: Count,
        firstSeen: Instant,
        lastSeen: Instant,
      }),
    ),
  }),
  'Pricing',
);

export const OverridesSaved = named(
  z.strictObject({ saved: z.array(CatalogEntry), repriced: Repriced.nullable() }),
  'OverridesSaved',
);

export const PricesImported = named(
  z.strictObject({
    imported: z.number().int(),
    skipped: z.array(z.strictObject({ key: z.string(), reason: z.string() })).meta({
      description: "The price file's entries left out (not priced per token, or failing a check), with why",
    }),
    effectiveFrom: z.iso.date(),
  }),
  'PricesImported',
);

export const CatalogUpdate = named(
  z.strictObject({
    origin: z.string(),
    read: z.number().int().meta({ description: 'Entries read from the new data' }),
    added: z.array(z.string()),
    changed: z.array(z.string()),
    skipped: z.array(z.strictObject({ model: z.string(), reason: z.string() })),
  }),
  'CatalogUpdate',
);
