import type { UsageRecord } from '../../src/domain/record.ts';
import { type PriceEntry, type PriceEntryJson, priceEntrySchema } from '../../src/price/index.ts';

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
  return {
    id: 'r1',
    org: 'acme',
    source: 'test',
    timestamp: new Date('2026-06-15T12:00:00Z'),
    endTimestamp: null,
    provider: 'openai',
    service: 'chat',
    model: 'gpt-4o',
    user: null,
    team: null,
    project: null,
    apiKey: null,
    context: null,
    tags: {},
    inputTokens: 0,
    outputTokens: 0,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    reasoningTokens: 0,
    requests: 1,
    costMicros: null,
    currency: 'USD',
    costKind: 'unpriced',
    ...fields,
  };
}
