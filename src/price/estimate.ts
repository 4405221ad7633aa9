import { decimalToScaled, toSafeNumber } from '../domain/money.ts';
import type { UsageRecord } from '../domain/record.ts';
import { FACTOR_SCALE, type Factor, type MicrosPerMTok, type PriceEntry } from './entry.ts';
import { isLongContext } from './long-context.ts';
import { usageDetail } from './usage-detail.ts';

/** The parts of a usage record that decide its price. */
export type PricedUsage = Pick<
  UsageRecord,
  | 'service'
  | 'inputTokens'
  | 'outputTokens'
  | 'cacheReadTokens'
  | 'cacheWriteTokens'
  | 'reasoningTokens'
  | 'tags'
> &
  Partial<Pick<UsageRecord, 'requests'>>;

// tokens × micro-dollars per 1M tokens = micro-dollars × 10^6; batch discounts are held in 10^-6 percent.
const TOKEN_SCALE = 1_000_000n;
const WHOLE_PERCENT = 100_000_000n;
// calls × micro-dollars per 1,000 calls, brought to the token scale (× 10^6 / 10^3).
const CALLS_TO_TOKEN_SCALE = 1_000n;

/**
 * The cost of one usage in micro-dollars, summed exactly and rounded half up once.
 * `inputTokens` excludes cache tokens; `outputTokens` includes `reasoningTokens`. Cache writes are priced
 * at the 5-minute rate unless `tags.cacheTtl` is '1h'. Audio and image tokens named in tags (a part of
 * input, cache read or output) take their own rates where the model lists them. The long-context tier
 * applies per request (see long-context.ts). The batch discount, OpenAI's flex and priority tiers,
 * Anthropic's fast mode and US-only inference multiply the token cost; web and file search calls are
 * priced per 1,000 calls on top.
 */
export function estimateCostMicros(entry: PriceEntry, usage: PricedUsage): number {
  const rates = ratesFor(entry, usage);
  const detail = usageDetail(usage);
  const reasoning = BigInt(Math.min(usage.reasoningTokens, usage.outputTokens));
  const outputAudio = BigInt(detail.outputAudio);
  const outputImage = BigInt(detail.outputImage);
  const plainOutput = BigInt(usage.outputTokens) - reasoning - outputAudio - outputImage;
  const tokens =
    (BigInt(usage.inputTokens) - BigInt(detail.inputAudio) - BigInt(detail.inputImage)) * rates.input +
    BigInt(detail.inputAudio) * (entry.inputAudio ?? rates.input) +
    BigInt(detail.inputImage) * (entry.inputImage ?? rates.input) +
    (BigInt(usage.cacheReadTokens) - BigInt(detail.cacheReadAudio) - BigInt(detail.cacheReadImage)) *
      rates.cacheRead +
    BigInt(detail.cacheReadAudio) * (entry.cacheReadAudio ?? entry.inputAudio ?? rates.cacheRead) +
    BigInt(detail.cacheReadImage) * (entry.cacheReadImage ?? entry.inputImage ?? rates.cacheRead) +
    BigInt(usage.cacheWriteTokens) * rates.cacheWrite +
    plainOutput * rates.output +
    reasoning * rates.reasoning +
    outputAudio * (entry.outputAudio ?? rates.output) +
    outputImage * (entry.outputImage ?? rates.output);
  const tools =
    (BigInt(detail.webSearchRequests) * (entry.webSearchPerK ?? 0n) +
      BigInt(detail.fileSearchRequests) * (entry.fileSearchPerK ?? 0n)) *
    CALLS_TO_TOKEN_SCALE;
  const factors = factorsFor(entry, usage);
  const kept = WHOLE_PERCENT - batchDiscount(entry, usage);
  const factorScale = FACTOR_SCALE ** BigInt(factors.length);
  const product = factors.reduce((acc, f) => acc * f, 1n);
  // why: one division at the end keeps the sum exact; tool fees take no token multiplier.
  const numerator = tokens * kept * product + tools * WHOLE_PERCENT * factorScale;
  return toSafeNumber(roundHalfUp(numerator, TOKEN_SCALE * WHOLE_PERCENT * factorScale));
}

interface Rates {
  input: MicrosPerMTok;
  output: MicrosPerMTok;
  cacheRead: MicrosPerMTok;
  cacheWrite: MicrosPerMTok;
  reasoning: MicrosPerMTok;
}

/** Picks the base or long-context rates and fills the kinds an entry leaves out. */
function ratesFor(entry: PriceEntry, usage: PricedUsage): Rates {
  const tier = isLongContext(entry, usage) ? entry.longContext : undefined;
  const input = tier?.input ?? entry.input;
  const output = tier?.output ?? entry.output;
  const cacheWrite5m = tier?.cacheWrite5m ?? entry.cacheWrite5m;
  const cacheWrite1h = tier?.cacheWrite1h ?? entry.cacheWrite1h;
  // why: a model with no cache rates bills cached tokens as plain input (or lists none because it has no cache).
  const cacheWrite = usage.tags.cacheTtl === '1h' ? (cacheWrite1h ?? cacheWrite5m) : cacheWrite5m;
  return {
    input,
    output,
    cacheRead: tier?.cacheRead ?? entry.cacheRead ?? input,
    cacheWrite: cacheWrite ?? input,
    reasoning: entry.reasoning ?? output,
  };
}

/**
 * The multipliers a usage's tier and mode call for. A tier the entry has no factor for is priced at
 * standard rates: flex is billed like batch, so it falls back to the batch discount instead.
 */
function factorsFor(entry: PriceEntry, usage: PricedUsage): Factor[] {
  const out: Factor[] = [];
  const tier = usage.tags.serviceTier?.toLowerCase();
  const f = entry.factors ?? {};
  if (tier === 'priority' && f.priority) out.push(f.priority);
  if (tier === 'flex' && f.flex) out.push(f.flex);
  if (usage.tags.speed?.toLowerCase() === 'fast' && f.fast) out.push(f.fast);
  if (usage.tags.inferenceGeo?.toLowerCase() === 'us' && f.usOnly) out.push(f.usOnly);
  return out;
}

/** The batch discount in 10^-6 percent, or 0 when the usage was not batched or the model has none. */
function batchDiscount(entry: PriceEntry, usage: PricedUsage): bigint {
  const tier = usage.tags.serviceTier?.toLowerCase();
  const flexAsBatch = tier === 'flex' && !entry.factors?.flex;
  const batched = usage.service === 'batch' || usage.tags.batch === 'true' || tier === 'batch' || flexAsBatch;
  if (!batched || entry.batchDiscountPercent === undefined) return 0n;
  // The schema keeps the percent within 0..100, so its decimal text always parses.
  return decimalToScaled(String(entry.batchDiscountPercent), 6) ?? 0n;
}

function roundHalfUp(value: bigint, divisor: bigint): bigint {
  return (value + divisor / 2n) / divisor;
}
