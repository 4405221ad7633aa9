import { decimalToScaled } from '../domain/money.ts';
import { FACTOR_SCALE, type Factor, type PriceEntry, priceEntrySchema } from './entry.ts';

/**
 * What spendlens lays over any base catalog: list-price facts the base does not carry. Each rule fills
 * only what an entry leaves out, so a newer base (or an override) that states a fact wins.
 * Sources: shared/reference/assistants-clouds-gateway.md §10 (Anthropic pricing page mirror 2026-08-21,
 * OpenAI flex and priority processing pages).
 */
export function withHouseRules(entries: PriceEntry[]): PriceEntry[] {
  const listed = new Set(entries.map((e) => `${e.provider}/${e.model}`));
  const missing = EXTRA_ENTRIES().filter((e) => !listed.has(`${e.provider}/${e.model}`));
  return [...entries.map(applyRules), ...missing];
}

// Every one of these providers sells a batch API at half the price.
const BATCH_PROVIDERS = new Set(['openai', 'anthropic', 'google']);

/** OpenAI priority processing per 1M (input, output), from which each model's multiple is derived. */
const OPENAI_PRIORITY: Record<string, [string, string]> = {
  'gpt-5': ['2.5', '20'],
  'gpt-5.1': ['2.5', '20'],
  'gpt-5.2': ['3.5', '28'],
  'gpt-5.4': ['5', '30'],
  'gpt-5.5': ['12.5', '75'],
  'gpt-5-mini': ['0.45', '3.6'],
  'gpt-4.1': ['3.5', '14'],
  // LiteLLM lists gpt-4o priority at 1.7× standard.
  'gpt-4o': ['4.25', '17'],
};

// Anthropic fast mode: Opus 4.8 and 5 at 2× standard; Opus 4.6 was 6× while it was offered.
const ANTHROPIC_FAST: Record<string, string> = {
  'claude-opus-4-6': '6',
  'claude-opus-4-8': '2',
  'claude-opus-5': '2',
};

// US-only inference (`inference_geo: us`) costs 1.1× on Claude 4.6 and later.
const US_ONLY = /^claude-(opus-4-[6-9]|sonnet-4-[6-9]|haiku-4-[6-9]|(opus|sonnet|haiku|fable|mythos)-[5-9])/;

function applyRules(entry: PriceEntry): PriceEntry {
  const out: PriceEntry = { ...entry, factors: { ...entry.factors } };
  if (out.batchDiscountPercent === undefined && BATCH_PROVIDERS.has(entry.provider)) {
    out.batchDiscountPercent = 50;
  }
  const factors = out.factors ?? {};
  if (entry.provider === 'openai') {
    // why: flex is billed at batch rates, and prompt-caching discounts still apply.
    factors.flex ??= FACTOR_SCALE / 2n;
    const priority = OPENAI_PRIORITY[entry.model];
    if (priority) factors.priority ??= commonMultiple(entry, priority) ?? undefined;
  }
  if (entry.provider === 'anthropic') {
    const fast = ANTHROPIC_FAST[entry.model];
    if (fast) factors.fast ??= scaled(fast);
    if (US_ONLY.test(entry.model)) factors.usOnly ??= scaled('1.1');
    // why: Sonnet 4 had the same >200k tier as Sonnet 4.5 under the 1M-context beta (retired 2026-04-30).
    if (entry.model === 'claude-sonnet-4-0' && !entry.longContext) out.longContext = SONNET_4_LONG();
  }
  if (Object.values(factors).every((f) => f === undefined)) delete out.factors;
  return out;
}

/** The multiple a priority price is of the standard one, when input and output agree on it. */
function commonMultiple(entry: PriceEntry, [input, output]: [string, string]): Factor | null {
  if (entry.input === 0n || entry.output === 0n) return null;
  const byInput = (scaled(input) * 1_000_000n) / entry.input;
  const byOutput = (scaled(output) * 1_000_000n) / entry.output;
  return byInput === byOutput ? byInput : null;
}

function scaled(text: string): bigint {
  return decimalToScaled(text, 6) ?? 0n;
}

const SONNET_4_LONG = () =>
  priceEntrySchema.parse({
    provider: 'anthropic',
    model: 'x',
    effectiveFrom: '2020-01-01',
    input: 0,
    output: 0,
    longContext: {
      thresholdTokens: 200_000,
      input: 6,
      output: 22.5,
      cacheRead: 0.6,
      cacheWrite5m: 7.5,
      cacheWrite1h: 12,
    },
  }).longContext!;

/** Models a base catalog may not list, at their list prices; added only where the base lacks them. */
const EXTRA_ENTRIES = (): PriceEntry[] =>
  [
    // Fable 5 and Mythos 5: $10 / $50 (pricing page mirror 2026-08-21), cache at the usual multiples.
    ...['claude-fable-5', 'claude-mythos-5'].map((model) => ({
      provider: 'anthropic',
      model,
      effectiveFrom: '2020-01-01',
      match: { starts_with: model },
      input: 10,
      output: 50,
      cacheRead: 1,
      cacheWrite5m: 12.5,
      cacheWrite1h: 20,
      webSearchPerK: 10,
    })),
    // OpenAI tool calls reported without a model (the usage endpoints for web and file search calls).
    {
      provider: 'openai',
      model: 'web-search',
      effectiveFrom: '2020-01-01',
      input: 0,
      output: 0,
      webSearchPerK: 10,
    },
    {
      provider: 'openai',
      model: 'file-search',
      effectiveFrom: '2020-01-01',
      input: 0,
      output: 0,
      fileSearchPerK: 2.5,
    },
  ].map((json) => applyRules(priceEntrySchema.parse(json)));
