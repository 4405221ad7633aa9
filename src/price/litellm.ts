import { z } from 'zod';
import { AppError } from '../domain/errors.ts';
import { clipInput } from '../domain/limits.ts';
import { decimalToScaled, formatMicros } from '../domain/money.ts';
import type { LongContextTier, MicrosPerMTok, PriceEntry } from './entry.ts';
import { isoDateSchema, MAX_PRICE } from './entry.ts';
import { canonicalProvider, modelKey } from './model-name.ts';

/** The entries read from a LiteLLM price file and the keys left out, each with why. */
export interface LiteLLMPrices {
  entries: PriceEntry[];
  skipped: { key: string; reason: string }[];
}

const fileSchema = z.record(z.string(), z.record(z.string(), z.unknown()));
const TOKEN_MODES = new Set(['chat', 'completion', 'responses', 'embedding']);
const TIER_KEY = /^input_cost_per_token_above_(\d+)k_tokens$/;

/**
 * Reads LiteLLM's `model_prices_and_context_window.json` (USD per token) into entries effective from
 * `effectiveFrom`. Models not priced per token, or whose prices fail sanity checks, are skipped.
 * When several keys name one provider and model, the first key wins.
 */
export function parseLiteLLMPrices(json: unknown, effectiveFrom: string): LiteLLMPrices {
  const date = isoDateSchema.safeParse(effectiveFrom);
  if (!date.success) throw new AppError('bad_request', `effectiveFrom "${effectiveFrom}" is not YYYY-MM-DD`);
  const file = fileSchema.safeParse(json);
  if (!file.success)
    throw new AppError('bad_request', 'not a LiteLLM price file: expected an object of models');

  const result: LiteLLMPrices = { entries: [], skipped: [] };
  const firstKey = new Map<string, string>();
  for (const [key, raw] of Object.entries(file.data)) {
    if (key === 'sample_spec') continue;
    const entry = toEntry(key, raw, date.data);
    if (typeof entry === 'string') {
      result.skipped.push({ key, reason: entry });
      continue;
    }
    const id = `${entry.provider}\u0000${modelKey(entry.model)}`;
    const earlier = firstKey.get(id);
    if (earlier !== undefined) {
      result.skipped.push({ key, reason: `same provider and model as "${earlier}"` });
      continue;
    }
    firstKey.set(id, key);
    result.entries.push(entry);
  }
  return result;
}

/** One model's entry, or the reason it is skipped. */
function toEntry(key: string, raw: Record<string, unknown>, effectiveFrom: string): PriceEntry | string {
  const litellmProvider = raw.litellm_provider;
  if (typeof litellmProvider !== 'string' || !litellmProvider) return 'no litellm_provider';
  const mode = raw.mode;
  if (typeof mode === 'string' && !TOKEN_MODES.has(mode))
    return `mode "${clipInput(mode)}" is not priced per token`;
  const prices = readPrices(raw);
  if (typeof prices === 'string') return prices;

  const input = prices.get('input_cost_per_token');
  const output = prices.get('output_cost_per_token') ?? (mode === 'embedding' ? 0n : undefined);
  if (input === undefined || output === undefined) return 'no per-token input and output prices';
  const cacheRead = prices.get('cache_read_input_token_cost');
  if (cacheRead !== undefined && cacheRead > input) return 'cache read priced above input';
  const reasoning = prices.get('output_cost_per_reasoning_token');
  const batchDiscountPercent = batchDiscount(input, prices.get('input_cost_per_token_batches'));
  const longContext = longContextTier(prices, output);
  const provider = canonicalProvider(litellmProvider);
  return {
    provider,
    model: modelFromKey(key, provider, litellmProvider),
    effectiveFrom,
    aliases: [],
    input,
    output,
    ...(cacheRead !== undefined && { cacheRead }),
    ...optionalPrice('cacheWrite5m', prices.get('cache_creation_input_token_cost')),
    ...optionalPrice('cacheWrite1h', prices.get('cache_creation_input_token_cost_above_1hr')),
    ...(reasoning !== undefined && reasoning !== output && { reasoning }),
    ...(longContext && { longContext }),
    ...(batchDiscountPercent !== undefined && { batchDiscountPercent }),
    currency: 'USD',
  };
}

/** Every `*cost*` field with a scalar value, as micro-dollars per 1M tokens; a reason when one is bad. */
function readPrices(raw: Record<string, unknown>): Map<string, MicrosPerMTok> | string {
  const prices = new Map<string, MicrosPerMTok>();
  for (const [field, value] of Object.entries(raw)) {
    if (!field.includes('cost') || (typeof value !== 'number' && typeof value !== 'string')) continue;
    // USD per token × 10^6 tokens × 10^6 micro-dollars, read through the decimal text ("3e-7").
    const scaled = decimalToScaled(String(value).trim(), 12);
    if (scaled === null) return `${clipInput(field)} "${clipInput(value)}" is not a number`;
    if (scaled < 0n) return `${field} is negative`;
    if (scaled > MAX_PRICE) return `${field} is above $1000000000 per 1M tokens`;
    prices.set(field, scaled);
  }
  return prices;
}

/** The lowest `_above_<n>k_tokens` tier, with kinds it leaves out falling back to base rates. */
function longContextTier(
  prices: Map<string, MicrosPerMTok>,
  output: MicrosPerMTok,
): LongContextTier | undefined {
  const thousands = [...prices.keys()]
    .map((field) => TIER_KEY.exec(field)?.[1])
    .filter((n): n is string => n !== undefined)
    .map(Number)
    .sort((a, b) => a - b)[0];
  if (thousands === undefined) return undefined;
  const suffix = `_above_${thousands}k_tokens`;
  return {
    thresholdTokens: thousands * 1000,
    input: prices.get(`input_cost_per_token${suffix}`)!,
    output: prices.get(`output_cost_per_token${suffix}`) ?? output,
    ...optionalPrice('cacheRead', prices.get(`cache_read_input_token_cost${suffix}`)),
    ...optionalPrice('cacheWrite5m', prices.get(`cache_creation_input_token_cost${suffix}`)),
    ...optionalPrice('cacheWrite1h', prices.get(`cache_creation_input_token_cost_above_1hr${suffix}`)),
  };
}

/** The batch discount as a percent with up to six decimals, when the batch price is below the input price. */
function batchDiscount(input: MicrosPerMTok, batch: MicrosPerMTok | undefined): number | undefined {
  if (batch === undefined || input === 0n || batch >= input) return undefined;
  const microPercent = ((input - batch) * 100_000_000n + input / 2n) / input;
  return Number(formatMicros(microPercent));
}

// why: keys are often routed names ("gemini/gemini-2.5-pro", "bedrock/us.anthropic…"); the prefix
// repeats the provider, so only a prefix naming it is dropped ("openrouter/anthropic/x" keeps "anthropic/").
function modelFromKey(key: string, provider: string, litellmProvider: string): string {
  const slash = key.indexOf('/');
  if (slash <= 0) return key;
  const prefix = key.slice(0, slash);
  return prefix === litellmProvider || canonicalProvider(prefix) === provider ? key.slice(slash + 1) : key;
}

function optionalPrice<K extends string>(name: K, value: MicrosPerMTok | undefined) {
  return (value === undefined ? {} : { [name]: value }) as Partial<Record<K, MicrosPerMTok>>;
}
