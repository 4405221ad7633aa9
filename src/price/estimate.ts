import { decimalToScaled, toSafeNumber } from '../domain/money.ts';
import type { UsageRecord } from '../domain/record.ts';
import type { MicrosPerMTok, PriceEntry } from './entry.ts';

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
>;

interface Rates {
  input: MicrosPerMTok;
  output: MicrosPerMTok;
  cacheRead: MicrosPerMTok;
  cacheWrite: MicrosPerMTok;
  reasoning: MicrosPerMTok;
}

// tokens × micro-dollars per 1M tokens = micro-dollars × 10^6; batch discounts are held in 10^-6 percent.
const TOKEN_SCALE = 1_000_000n;
const WHOLE_PERCENT = 100_000_000n;

/**
 * The cost of one usage in micro-dollars, summed exactly and rounded half up once.
 * `inputTokens` excludes cache tokens; `outputTokens` includes `reasoningTokens`. Cache writes are priced
 * at the 5-minute rate unless `tags.cacheTtl` is '1h'. A prompt (input + cache read + cache write) above
 * the long-context threshold puts the whole request at the long-context rates. `service` 'batch' or
 * `tags.batch` 'true' takes the batch discount.
 */
export function estimateCostMicros(entry: PriceEntry, usage: PricedUsage): number {
  const rates = ratesFor(entry, usage);
  const reasoning = BigInt(Math.min(usage.reasoningTokens, usage.outputTokens));
  const plainOutput = BigInt(usage.outputTokens) - reasoning;
  const scaled =
    BigInt(usage.inputTokens) * rates.input +
    BigInt(usage.cacheReadTokens) * rates.cacheRead +
    BigInt(usage.cacheWriteTokens) * rates.cacheWrite +
    plainOutput * rates.output +
    reasoning * rates.reasoning;
  const kept = WHOLE_PERCENT - batchDiscount(entry, usage);
  return toSafeNumber(roundHalfUp(scaled * kept, TOKEN_SCALE * WHOLE_PERCENT));
}

/** Picks the base or long-context rates and fills the kinds an entry leaves out. */
function ratesFor(entry: PriceEntry, usage: PricedUsage): Rates {
  const prompt = usage.inputTokens + usage.cacheReadTokens + usage.cacheWriteTokens;
  const tier =
    entry.longContext && prompt > entry.longContext.thresholdTokens ? entry.longContext : undefined;
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

/** The batch discount in 10^-6 percent, or 0 when the usage was not batched or the model has none. */
function batchDiscount(entry: PriceEntry, usage: PricedUsage): bigint {
  const batched = usage.service === 'batch' || usage.tags.batch === 'true';
  if (!batched || entry.batchDiscountPercent === undefined) return 0n;
  // The schema keeps the percent within 0..100, so its decimal text always parses.
  return decimalToScaled(String(entry.batchDiscountPercent), 6) ?? 0n;
}

function roundHalfUp(value: bigint, divisor: bigint): bigint {
  return (value + divisor / 2n) / divisor;
}
