import { z } from 'zod';
import { type PriceEntry, type PriceEntryJson, priceEntrySchema } from './entry.ts';
import { type MatchRule, matchRuleSchema } from './match.ts';

/**
 * Price data in the shape of pydantic's genai-prices (`@pydantic/genai-prices` on npm, and its
 * `data.json`): providers, each with models that hold prices per price key, optionally tiered by
 * prompt size and dated by `start_date` constraints.
 */
const tiered = z.object({
  base: z.number().nonnegative(),
  tiers: z.array(z.object({ start: z.number().int().nonnegative(), price: z.number().nonnegative() })),
});
const modelPrice = z.record(z.string(), z.union([z.number().nonnegative(), tiered]).optional());
const conditional = z.object({
  constraint: z.object({ type: z.string(), start_date: z.string().optional() }).passthrough().optional(),
  prices: modelPrice,
});
const modelSchema = z.object({
  id: z.string().min(1),
  match: matchRuleSchema,
  prices: z.union([modelPrice, z.array(conditional)]),
});
export const genaiProviderSchema = z.object({ id: z.string().min(1), models: z.array(z.unknown()) });
export type GenaiProvider = z.infer<typeof genaiProviderSchema>;

/** genai-prices provider ids and the provider names spendlens records use. */
export const GENAI_PROVIDERS: Record<string, string> = {
  openai: 'openai',
  anthropic: 'anthropic',
  google: 'google',
  azure: 'azure-openai',
  aws: 'bedrock',
  mistral: 'mistral',
  cohere: 'cohere',
  deepseek: 'deepseek',
  'x-ai': 'xai',
  groq: 'groq',
};

// why: a model listed before its first dated price change has prices "since it was listed"; the
// catalog takes the earliest entry for any earlier day, so the date only orders the entries.
export const FIRST_LISTED = '2020-01-01';

type Key = keyof PriceEntryJson;
const TOKEN_KEYS: Record<string, Key> = {
  input_mtok: 'input',
  output_mtok: 'output',
  cache_read_mtok: 'cacheRead',
  cache_write_mtok: 'cacheWrite5m',
  cache_write_1h_mtok: 'cacheWrite1h',
  input_audio_mtok: 'inputAudio',
  cache_audio_read_mtok: 'cacheReadAudio',
  output_audio_mtok: 'outputAudio',
  input_image_mtok: 'inputImage',
  cache_image_read_mtok: 'cacheReadImage',
  output_image_mtok: 'outputImage',
};
const CALL_KEYS: Record<string, Key> = {
  web_searches_kcount: 'webSearchPerK',
  storage_searches_kcount: 'fileSearchPerK',
};
const TIERED: Record<string, 'input' | 'output' | 'cacheRead' | 'cacheWrite5m' | 'cacheWrite1h'> = {
  input_mtok: 'input',
  output_mtok: 'output',
  cache_read_mtok: 'cacheRead',
  cache_write_mtok: 'cacheWrite5m',
  cache_write_1h_mtok: 'cacheWrite1h',
};

export interface GenaiConversion {
  entries: PriceEntry[];
  /** Models left out, with why: a price spendlens cannot apply exactly is no price, never a wrong one. */
  skipped: { model: string; reason: string }[];
}

/** Converts genai-prices providers into dated price entries, one per model and price period. */
export function fromGenaiPrices(providers: unknown[]): GenaiConversion {
  const out: GenaiConversion = { entries: [], skipped: [] };
  for (const rawProvider of providers) {
    const provider = genaiProviderSchema.safeParse(rawProvider);
    if (!provider.success) continue;
    const name = GENAI_PROVIDERS[provider.data.id];
    if (!name) continue;
    for (const rawModel of provider.data.models) {
      const model = modelSchema.safeParse(rawModel);
      if (!model.success) {
        out.skipped.push({ model: `${name}/${idOf(rawModel)}`, reason: 'unreadable model' });
        continue;
      }
      convertModel(name, model.data, out);
    }
  }
  return out;
}

function convertModel(provider: string, model: z.infer<typeof modelSchema>, out: GenaiConversion) {
  const periods = Array.isArray(model.prices) ? model.prices : [{ prices: model.prices }];
  for (const period of periods) {
    const constraint = 'constraint' in period ? period.constraint : undefined;
    if (constraint && (constraint.type !== 'start_date' || !constraint.start_date)) {
      out.skipped.push({ model: `${provider}/${model.id}`, reason: `a ${constraint.type} price` });
      continue;
    }
    const json = entryJson(provider, model.id, model.match, period.prices);
    if (typeof json === 'string') {
      out.skipped.push({ model: `${provider}/${model.id}`, reason: json });
      continue;
    }
    const parsed = priceEntrySchema.safeParse({
      ...json,
      effectiveFrom: constraint?.start_date ?? FIRST_LISTED,
    });
    if (parsed.success) out.entries.push(parsed.data);
    else
      out.skipped.push({ model: `${provider}/${model.id}`, reason: parsed.error.issues[0]?.message ?? '' });
  }
}

/** One period's prices as an entry, or why it cannot be one. */
function entryJson(
  provider: string,
  id: string,
  match: MatchRule,
  prices: z.infer<typeof modelPrice>,
): Omit<PriceEntryJson, 'effectiveFrom'> | string {
  const json: Record<string, unknown> = { provider, model: id, aliases: [], match };
  const tier: Record<string, string> = {};
  let threshold: number | null = null;
  for (const [key, value] of Object.entries(prices)) {
    if (value === undefined) continue;
    const field = TOKEN_KEYS[key] ?? CALL_KEYS[key];
    if (!field) continue;
    if (typeof value === 'number') {
      json[field] = decimal(value);
      continue;
    }
    const tierField = TIERED[key];
    const first = value.tiers[0];
    if (!tierField || !first || value.tiers.length > 1) return `tiered ${key} spendlens cannot apply`;
    if (threshold !== null && threshold !== first.start) return 'tiers with different thresholds';
    threshold = first.start;
    json[field] = decimal(value.base);
    tier[tierField] = decimal(first.price);
  }
  if (json.input === undefined || json.output === undefined) {
    if (json.input === undefined) return 'no input token price';
    json.output = '0';
  }
  if (threshold !== null) {
    if (!tier.input || !tier.output) return 'a tier without input and output prices';
    json.longContext = { thresholdTokens: threshold, ...tier };
  }
  return json as unknown as Omit<PriceEntryJson, 'effectiveFrom'>;
}

// why: genai-prices writes prices as JSON numbers; their shortest decimal text is the price meant.
function decimal(value: number): string {
  return String(value);
}

function idOf(raw: unknown): string {
  return raw && typeof raw === 'object' && 'id' in raw ? String(raw.id) : '(no id)';
}
