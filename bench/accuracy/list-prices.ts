// The bench's own list prices, written by hand from the published prices quoted in
// shared/reference/assistants-clouds-gateway.md §10, and deliberately independent of src/price: the
// replayed bills are computed from this table, so the catalog is checked against it, not against itself.

/** USD per 1M tokens held as micro-dollars per 1M tokens ("3.75" → 3_750_000n). */
export type Rate = bigint;

/** A decimal dollar text as micro-dollars, exactly. */
export function usd(text: string): Rate {
  const [whole = '0', frac = ''] = text.split('.');
  return BigInt(whole) * 1_000_000n + BigInt(`${frac}000000`.slice(0, 6));
}

export interface TokenRates {
  input: Rate;
  output: Rate;
  cacheRead: Rate;
  cacheWrite5m?: Rate;
  cacheWrite1h?: Rate;
  audioInput?: Rate;
  audioCacheRead?: Rate;
  audioOutput?: Rate;
}

const rates = (input: string, output: string, cacheRead: string, w5m?: string, w1h?: string): TokenRates => ({
  input: usd(input),
  output: usd(output),
  cacheRead: usd(cacheRead),
  ...(w5m && { cacheWrite5m: usd(w5m) }),
  ...(w1h && { cacheWrite1h: usd(w1h) }),
});

export interface AnthropicModel {
  name: string;
  base: TokenRates;
  /** Rates for every token of a request whose prompt passes 200k (Sonnet 4/4.5 under the 1M beta, until 2026-03-31). */
  long?: TokenRates;
  /** Fast mode multiple, in thousandths. */
  fastMills?: bigint;
  /** Claude 4.6 and later: US-only inference costs 1.1×. */
  usOnly?: boolean;
}

// Cache: reads 0.1×, 5-minute writes 1.25×, 1-hour writes 2× input; the long-context tier doubles input
// and takes output ×1.5, with the cache multiples on top.
export const ANTHROPIC: Record<string, AnthropicModel> = {
  'claude-sonnet-4-5': {
    name: 'Claude Sonnet 4.5',
    base: rates('3', '15', '0.3', '3.75', '6'),
    long: rates('6', '22.5', '0.6', '7.5', '12'),
  },
  'claude-haiku-4-5': { name: 'Claude Haiku 4.5', base: rates('1', '5', '0.1', '1.25', '2') },
  'claude-opus-4-5': { name: 'Claude Opus 4.5', base: rates('5', '25', '0.5', '6.25', '10') },
  // Fast mode on Opus 4.6 was $30 / $150, 6× standard (pricing page as of 2026-03-28).
  'claude-opus-4-6': {
    name: 'Claude Opus 4.6',
    base: rates('5', '25', '0.5', '6.25', '10'),
    fastMills: 6_000n,
    usOnly: true,
  },
};

export const ANTHROPIC_WEB_SEARCH_PER_K = usd('10');
export const BATCH_MILLS = 500n;
export const US_ONLY_MILLS = 1_100n;

export interface OpenaiModel {
  standard: TokenRates;
  /** Priority processing rates, where the model has them (openai.com/api-priority-processing). */
  priority?: TokenRates;
  /** Flex processing: batch rates (0.5×) with the caching discount kept. */
  flex?: TokenRates;
}

export const OPENAI: Record<string, OpenaiModel> = {
  'gpt-5': {
    standard: rates('1.25', '10', '0.125'),
    priority: rates('2.5', '20', '0.25'),
    flex: rates('0.625', '5', '0.0625'),
  },
  'gpt-4.1': { standard: rates('2', '8', '0.5'), priority: rates('3.5', '14', '0.875') },
  'gpt-realtime': {
    standard: {
      ...rates('4', '16', '0.4'),
      audioInput: usd('32'),
      audioCacheRead: usd('0.4'),
      audioOutput: usd('64'),
    },
  },
};

/** The web_search tool: $10 per 1,000 calls on every model. */
export const OPENAI_WEB_SEARCH_PER_K = usd('10');
// Not in §10: OpenAI's pricing page lists file search tool calls at $2.50 per 1,000.
export const OPENAI_FILE_SEARCH_PER_K = usd('2.5');
