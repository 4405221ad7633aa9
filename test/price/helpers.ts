import type { UsageRecord } from '../../src/domain/record.ts';
import {
  type PricedUsage,
  type PriceEntry,
  type PriceEntryJson,
  priceEntrySchema,
} from '../../src/price/index.ts';
import { makeRecord } from '../helpers/records.ts';

/** A price entry from its JSON form, with the fields a test does not care about filled in. */
export function entry(fields: Partial<PriceEntryJson> & Pick<PriceEntryJson, 'model'>): PriceEntry {
  return priceEntrySchema.parse({
    provider: 'openai',
    effectiveFrom: '2026-06-01',
    input: 1,
    output: 2,
    ...fields,
  });
}

/** An unpriced chat record with no tokens, to be filled by each test. */
export function usageRecord(fields: Partial<UsageRecord>): UsageRecord {
  return makeRecord({
    timestamp: new Date('2026-06-15T12:00:00Z'),
    user: null,
    team: null,
    project: null,
    apiKey: null,
    inputTokens: 0,
    outputTokens: 0,
    costMicros: null,
    costKind: 'unpriced',
    ...fields,
  });
}

/** The priced parts of a chat usage with no tokens, to be filled by each test. */
export function usage(fields: Partial<PricedUsage> = {}): PricedUsage {
  return {
    service: 'chat',
    inputTokens: 0,
    outputTokens: 0,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    reasoningTokens: 0,
    tags: {},
    ...fields,
  };
}
