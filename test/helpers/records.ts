import type { UsageRecord } from '../../src/domain/record.ts';

/** A valid record with sensible defaults; tests override what they care about. */
export function makeRecord(overrides: Partial<UsageRecord> = {}): UsageRecord {
  return {
    id: 'r-1',
    org: 'acme',
    source: 'test',
    timestamp: new Date('2026-11-02T10:15:00Z'),
    endTimestamp: null,
    provider: 'openai',
    service: 'chat',
    model: 'gpt-4o',
    user: 'ana',
    team: 'platform',
    project: 'search',
    apiKey: 'key_1',
    context: null,
    tags: {},
    inputTokens: 1000,
    outputTokens: 200,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    reasoningTokens: 0,
    requests: 1,
    costMicros: 4_500,
    currency: 'USD',
    costKind: 'estimated',
    ...overrides,
  };
}
