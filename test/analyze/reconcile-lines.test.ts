import { describe, expect, it } from 'vitest';
import { reconcile } from '../../src/analyze/reconcile.ts';
import type { BilledLine, EstimatedPart } from '../../src/analyze/reconcile-lines.ts';

const at = { day: '2026-03-05', provider: 'anthropic', project: 'w1' };
const line = (text: string, costMicros: bigint, over: Partial<BilledLine> = {}): BilledLine => ({
  ...at,
  text,
  model: null,
  costType: null,
  costMicros,
  ...over,
});
const part = (
  model: string,
  p: EstimatedPart['part'],
  costMicros: bigint,
  priorityTier = false,
): EstimatedPart => ({
  ...at,
  model,
  part: p,
  priorityTier,
  costMicros,
});
const input = (model: string, costMicros: bigint) => ({
  ...at,
  model,
  costMicros,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
});

describe('reconciliation line items and causes', () => {
  const lines = [
    line('Claude Sonnet 4.5 Usage - Input Tokens', 3_000_000n, { model: 'claude-sonnet-4-5-20250929' }),
    line('Web Search', 120_000n, { costType: 'web_search' }),
    line('Promotional Credit', -1_000_000n),
  ];
  const parts = [
    part('claude-sonnet-4-5-20250929', 'tokens', 3_000_000n),
    part('claude-sonnet-4-5-20250929', 'web_search', 120_000n),
    part('claude-opus-4-6', 'tokens', 500_000n, true),
  ];
  const billed = [
    input('claude-sonnet-4-5-20250929', 3_000_000n),
    input('Web Search', 120_000n),
    input('Promotional Credit', -1_000_000n),
  ];
  const estimated = [input('claude-sonnet-4-5-20250929', 3_120_000n), input('claude-opus-4-6', 500_000n)];
  const [row] = reconcile(billed, estimated, 5, { lines, parts, currency: 'USD' });

  it('sets credits apart and computes the variance on charges', () => {
    expect(row).toMatchObject({
      billedMicros: 2_120_000n,
      creditsMicros: -1_000_000n,
      chargesMicros: 3_120_000n,
      chargesVarianceMicros: -500_000n,
    });
  });

  it('matches the web search line with the fees in the estimate, and the model lines with its tokens', () => {
    expect(row?.lineItems).toEqual([
      expect.objectContaining({ item: 'claude-opus-4-6', billedMicros: 0n, varianceMicros: -500_000n }),
      expect.objectContaining({ item: 'claude-sonnet-4-5-20250929', varianceMicros: 0n }),
      expect.objectContaining({
        item: 'Web search',
        kind: 'web_search',
        billedMicros: 120_000n,
        varianceMicros: 0n,
      }),
    ]);
  });

  it('names Priority Tier usage, which the cost report never bills, and the credit', () => {
    expect(row?.causes.map((c) => [c.code, c.amountMicros])).toEqual([
      ['credits', -1_000_000n],
      ['priority_tier_not_billed', 500_000n],
    ]);
    expect(row?.causes[1]?.message).toMatch(/\$0\.50 .*Priority Tier.*never in the cost report/);
  });
});
