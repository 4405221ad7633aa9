import type { PriceEntryJson } from './entry.ts';

type Row = Omit<PriceEntryJson, 'effectiveFrom' | 'currency' | 'batchDiscountPercent'>;

// Read from LiteLLM's model_prices_and_context_window.json (commit 00035b69…, mid-2026), as quoted in
// reference/provider-formats.md section 5. USD per 1M tokens. Every provider here offers a batch API at 50% off.

/** OpenAI list prices; no cache-write rate is listed, so cache writes are priced as input. */
export const OPENAI_ROWS: Row[] = [
  { provider: 'openai', model: 'gpt-4o', input: 2.5, output: 10, cacheRead: 1.25 },
  // why: the first gpt-4o snapshot kept its launch price; without this row the generic date rule
  // would price it as gpt-4o at half its cost.
  { provider: 'openai', model: 'gpt-4o-2024-05-13', input: 5, output: 15 },
  { provider: 'openai', model: 'gpt-4o-mini', input: 0.15, output: 0.6, cacheRead: 0.075 },
  { provider: 'openai', model: 'gpt-4.1', input: 2, output: 8, cacheRead: 0.5 },
  { provider: 'openai', model: 'gpt-4.1-mini', input: 0.4, output: 1.6, cacheRead: 0.1 },
  { provider: 'openai', model: 'gpt-4.1-nano', input: 0.1, output: 0.4, cacheRead: 0.025 },
  {
    provider: 'openai',
    model: 'gpt-5',
    // why: Codex CLI logs name its model gpt-5-codex, billed at gpt-5's list price.
    aliases: ['gpt-5-chat-latest', 'gpt-5-codex'],
    input: 1.25,
    output: 10,
    cacheRead: 0.125,
  },
  { provider: 'openai', model: 'gpt-5-mini', input: 0.25, output: 2, cacheRead: 0.025 },
  { provider: 'openai', model: 'gpt-5-nano', input: 0.05, output: 0.4, cacheRead: 0.005 },
  { provider: 'openai', model: 'text-embedding-3-small', input: 0.02, output: 0 },
  { provider: 'openai', model: 'text-embedding-3-large', input: 0.13, output: 0 },
];

const SONNET = { input: 3, output: 15, cacheRead: 0.3, cacheWrite5m: 3.75, cacheWrite1h: 6 };
const OPUS_4 = { input: 15, output: 75, cacheRead: 1.5, cacheWrite5m: 18.75, cacheWrite1h: 30 };
const OPUS_4_5 = { input: 5, output: 25, cacheRead: 0.5, cacheWrite5m: 6.25, cacheWrite1h: 10 };
// why: Anthropic bills a request whose prompt passes 200k tokens at these rates for every token in it.
// LiteLLM lists the 1h write only for 4-5; 12 is Anthropic's 2× input rule applied to the $6 tier input.
const SONNET_LONG = {
  thresholdTokens: 200_000,
  input: 6,
  output: 22.5,
  cacheRead: 0.6,
  cacheWrite5m: 7.5,
  cacheWrite1h: 12,
};

/** Anthropic list prices; 1h cache writes cost 2× input, 5m writes 1.25×, reads 0.1×. */
export const ANTHROPIC_ROWS: Row[] = [
  {
    provider: 'anthropic',
    model: 'claude-sonnet-4',
    aliases: ['claude-sonnet-4-20250514', 'claude-sonnet-4-0'],
    ...SONNET,
    longContext: SONNET_LONG,
  },
  {
    provider: 'anthropic',
    model: 'claude-sonnet-4-5',
    aliases: ['claude-sonnet-4-5-20250929'],
    ...SONNET,
    longContext: SONNET_LONG,
  },
  { provider: 'anthropic', model: 'claude-sonnet-4-6', ...SONNET },
  {
    provider: 'anthropic',
    model: 'claude-opus-4',
    aliases: ['claude-opus-4-20250514', 'claude-opus-4-0'],
    ...OPUS_4,
  },
  { provider: 'anthropic', model: 'claude-opus-4-1', aliases: ['claude-opus-4-1-20250805'], ...OPUS_4 },
  { provider: 'anthropic', model: 'claude-opus-4-5', aliases: ['claude-opus-4-5-20251101'], ...OPUS_4_5 },
  { provider: 'anthropic', model: 'claude-opus-4-6', ...OPUS_4_5 },
  {
    provider: 'anthropic',
    model: 'claude-haiku-4-5',
    aliases: ['claude-haiku-4-5-20251001'],
    input: 1,
    output: 5,
    cacheRead: 0.1,
    cacheWrite5m: 1.25,
    cacheWrite1h: 2,
  },
  {
    provider: 'anthropic',
    model: 'claude-3-7-sonnet',
    aliases: ['claude-3-7-sonnet-20250219', 'claude-3-7-sonnet-latest'],
    ...SONNET,
  },
  // why: LiteLLM has no first-party key for it; these are the Bedrock us.* prices, which match
  // Anthropic's list price. The 1h write follows the 2× input rule.
  {
    provider: 'anthropic',
    model: 'claude-3-5-haiku',
    aliases: ['claude-3-5-haiku-20241022', 'claude-3-5-haiku-latest'],
    input: 0.8,
    output: 4,
    cacheRead: 0.08,
    cacheWrite5m: 1,
    cacheWrite1h: 1.6,
  },
];

/** Google Gemini API prices for text input; thinking tokens are billed as output at the output rate. */
export const GOOGLE_ROWS: Row[] = [
  {
    provider: 'google',
    model: 'gemini-2.5-pro',
    input: 1.25,
    output: 10,
    cacheRead: 0.125,
    longContext: { thresholdTokens: 200_000, input: 2.5, output: 15, cacheRead: 0.25 },
  },
  { provider: 'google', model: 'gemini-2.5-flash', input: 0.3, output: 2.5, cacheRead: 0.03 },
  { provider: 'google', model: 'gemini-2.5-flash-lite', input: 0.1, output: 0.4, cacheRead: 0.01 },
  {
    provider: 'google',
    model: 'gemini-2.0-flash',
    aliases: ['gemini-2.0-flash-001'],
    input: 0.1,
    output: 0.4,
    cacheRead: 0.025,
  },
];
