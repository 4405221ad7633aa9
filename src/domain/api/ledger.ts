import { z } from 'zod';
import { COST_KINDS } from '../record.ts';
import { Amounts, Count, Currency, FieldError, Instant, Money, named } from './common.ts';

/** One ledger record as `GET /api/v1/usage` answers it; `cost` is null only when unpriced. */
export const UsageRecordJson = named(
  z.strictObject({
    id: z.string(),
    source: z.string(),
    timestamp: Instant,
    endTimestamp: Instant.nullable(),
    provider: z.string(),
    service: z.string(),
    model: z.string(),
    user: z.string().nullable(),
    team: z.string().nullable(),
    project: z.string().nullable(),
    apiKey: z.string().nullable(),
    context: z.string().nullable(),
    tags: z.record(z.string(), z.string()),
    inputTokens: z.number().int(),
    outputTokens: z.number().int(),
    cacheReadTokens: z.number().int(),
    cacheWriteTokens: z.number().int(),
    reasoningTokens: z.number().int(),
    requests: z.number().int(),
    currency: Currency,
    costKind: z.enum(COST_KINDS),
    cost: Money.nullable(),
  }),
  'UsageRecord',
);

export const UsagePage = named(
  z.strictObject({
    records: z.array(UsageRecordJson),
    nextCursor: z
      .string()
      .nullable()
      .meta({ description: 'Pass as `cursor` for the next page; null at the end' }),
  }),
  'UsagePage',
);

/** A model the catalog cannot price, with the nearest known name. */
export const UnpricedSuggestion = z
  .strictObject({
    provider: z.string(),
    model: z.string(),
    count: z
      .number()
      .int()
      .meta({ description: 'Valid records of this request for the model, duplicates included' }),
    suggestion: z.string().nullable().meta({
      description: 'The nearest model name the catalog knows for the provider (gtp-5 → gpt-5), or null',
    }),
  })
  .meta({
    description:
      'A model of this request the price catalog does not know: its records are stored unpriced (no cost, never $0) until a price is added and they are re-priced.',
  });

export const IngestResult = named(
  z.strictObject({
    accepted: z.number().int().meta({ description: 'Records stored by this request' }),
    duplicates: z.number().int().meta({ description: 'Records the ledger already held (same id)' }),
    rejected: z.array(
      z.strictObject({
        index: z.number().int().meta({ description: 'Position in the array or NDJSON body (0-based)' }),
        errors: z
          .array(FieldError)
          .meta({ description: 'Each with the field as sent (an alias stays an alias)' }),
      }),
    ),
    unpriced: z.array(UnpricedSuggestion),
  }),
  'IngestResult',
);

export const VoidResult = named(
  z.strictObject({
    dryRun: z.boolean(),
    voided: z.number().int(),
    ids: z.array(z.string()),
    missing: z.array(z.string()),
  }),
  'VoidResult',
);

/** A spend row: `bucket` when bucketed, one field per grouped dimension (`tag:<key>` for a tag), the amounts. */
export const SpendRow = named(
  Amounts.extend({ bucket: Instant.optional() }).catchall(z.string().nullable()),
  'SpendRow',
);

export const SpendResponse = named(
  z.strictObject({
    currency: Currency,
    from: Instant,
    to: Instant,
    groupBy: z.array(z.string()),
    bucket: z.enum(['hour', 'day', 'week', 'month']).nullable(),
    tz: z.string(),
    rows: z.array(SpendRow),
    totals: Amounts,
    warnings: z.array(z.string()),
  }),
  'Spend',
);

export const Transaction = z.strictObject({
  id: z.string(),
  timestamp: Instant,
  service: z.string(),
  model: z.string(),
  tokens_in: Count,
  tokens_out: Count,
  user_id: z.string().nullable(),
  project_id: z.string().nullable(),
});

/** The compatibility feed: `cost_<currency>` (e.g. `cost_usd`) is a number, null when unpriced. */
export const TransactionsResponse = named(
  z.strictObject({
    transactions: z.array(Transaction.catchall(z.number().nullable())),
  }),
  'Transactions',
);
