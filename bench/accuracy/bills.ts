// The bill of a replayed day at the bench's list prices (list-prices.ts): each request's cost split into
// the provider's line items, summed exactly per line, and each line rounded to micro-dollars once, as
// an invoice line is.
import type { Call, Provider } from './days.ts';
import {
  ANTHROPIC,
  ANTHROPIC_WEB_SEARCH_PER_K,
  BATCH_MILLS,
  OPENAI,
  OPENAI_FILE_SEARCH_PER_K,
  OPENAI_WEB_SEARCH_PER_K,
  type Rate,
  type TokenRates,
  US_ONLY_MILLS,
} from './list-prices.ts';

/** One line of a provider's cost report; `fields` are written into the page as they are. */
export interface BillLine {
  provider: Provider;
  day: string;
  project: string | null;
  apiKey: string | null;
  fields: Record<string, string | null>;
  quantity: number;
  micros: bigint;
}

// tokens × µ$/MTok = 10^-12 $; three multipliers in thousandths add 10^9.
const ONE = 1_000n;
const TO_MICROS = 1_000_000n * ONE ** 3n;
const LONG_CONTEXT_TOKENS = 200_000;

interface Part {
  fields: Record<string, string | null>;
  quantity: number;
  /** The exact amount in 10^-21 $. */
  value: bigint;
}

const tokens = (count: number, rate: Rate | undefined, mills: bigint[]): bigint =>
  BigInt(count) * (rate ?? 0n) * mills.reduce((a, m) => a * m, 1n) * ONE ** BigInt(3 - mills.length);

// per 1,000 calls in µ$ → 10^-12 $ per call is ×1,000.
const calls = (count: number, perK: Rate): bigint => BigInt(count) * perK * 1_000n * ONE ** 3n;

const undated = (model: string) => model.replace(/-\d{8}$|-\d{4}-\d{2}-\d{2}$/, '');

function anthropicParts(c: Call): Part[] {
  const m = ANTHROPIC[undated(c.model)];
  if (!m) throw new Error(`no bench list price for ${c.model}`);
  const prompt = c.input + c.cacheRead + c.cacheWrite5m + c.cacheWrite1h;
  const long = prompt > LONG_CONTEXT_TOKENS;
  const r: TokenRates = long && m.long ? m.long : m.base;
  const mills = [
    ...(c.tier === 'batch' ? [BATCH_MILLS] : []),
    ...(c.speed === 'fast' && m.fastMills ? [m.fastMills] : []),
    ...(c.geo === 'us' && m.usOnly ? [US_ONLY_MILLS] : []),
  ];
  const suffix = `${long && m.long ? ' - Long Context' : ''}${c.tier === 'batch' ? ' - Batch' : ''}${c.speed === 'fast' ? ' - Fast Mode' : ''}`;
  const kinds: [string, string, number, Rate | undefined][] = [
    ['uncached_input_tokens', 'Input Tokens', c.input, r.input],
    ['output_tokens', 'Output Tokens', c.output, r.output],
    ['cache_read_input_tokens', 'Cache Read Input Tokens', c.cacheRead, r.cacheRead],
    [
      'cache_creation.ephemeral_5m_input_tokens',
      'Cache Write (5m) Input Tokens',
      c.cacheWrite5m,
      r.cacheWrite5m,
    ],
    [
      'cache_creation.ephemeral_1h_input_tokens',
      'Cache Write (1h) Input Tokens',
      c.cacheWrite1h,
      r.cacheWrite1h,
    ],
  ];
  const parts: Part[] = kinds
    .filter(([, , n]) => n > 0)
    .map(([tokenType, label, n, rate]) => ({
      fields: {
        description: `${m.name} Usage - ${label}${suffix}`,
        cost_type: 'tokens',
        model: c.model,
        service_tier: c.tier === 'batch' ? 'batch' : 'standard',
        context_window: long ? '200k-1M' : '0-200k',
        token_type: tokenType,
        inference_geo: c.geo,
        speed: c.speed,
      },
      quantity: n,
      value: tokens(n, rate, mills),
    }));
  if (c.webSearches > 0) {
    parts.push({
      fields: { ...NO_TOKENS, description: 'Web Search', cost_type: 'web_search' },
      quantity: c.webSearches,
      value: calls(c.webSearches, ANTHROPIC_WEB_SEARCH_PER_K),
    });
  }
  return parts;
}

const NO_TOKENS = {
  model: null,
  service_tier: null,
  context_window: null,
  token_type: null,
  inference_geo: null,
  speed: null,
};

function openaiParts(c: Call): Part[] {
  const m = OPENAI[undated(c.model)];
  if (!m) throw new Error(`no bench list price for ${c.model}`);
  const r = (c.tier === 'priority' ? m.priority : c.tier === 'flex' ? m.flex : m.standard) ?? m.standard;
  const mills = c.tier === 'batch' ? [BATCH_MILLS] : [];
  const tier = c.tier === 'standard' ? '' : `${c.tier} `;
  const kinds: [string, number, Rate | undefined][] = [
    ['input', c.input - c.audioInput, r.input],
    ['cached input', c.cacheRead - c.audioCacheRead, r.cacheRead],
    ['output', c.output - c.audioOutput, r.output],
    ['audio input', c.audioInput, r.audioInput],
    ['cached audio input', c.audioCacheRead, r.audioCacheRead],
    ['audio output', c.audioOutput, r.audioOutput],
  ];
  const parts: Part[] = kinds
    .filter(([, n]) => n > 0)
    .map(([kind, n, rate]) => ({
      fields: { line_item: `${c.model}, ${tier}${kind}`, quantity_unit: 'tokens' },
      quantity: n,
      value: tokens(n, rate, mills),
    }));
  if (c.webSearches > 0) {
    const value = calls(c.webSearches, OPENAI_WEB_SEARCH_PER_K);
    parts.push({ fields: { line_item: 'Web search', quantity_unit: null }, quantity: c.webSearches, value });
  }
  if (c.fileSearches > 0) {
    const value = calls(c.fileSearches, OPENAI_FILE_SEARCH_PER_K);
    parts.push({
      fields: { line_item: 'File search', quantity_unit: null },
      quantity: c.fileSearches,
      value,
    });
  }
  return parts;
}

/** The day's cost lines: per project (and OpenAI API key) and line item, plus the credit, if any. */
export function billOf(provider: Provider, day: string, dayCalls: Call[], creditMicros?: bigint): BillLine[] {
  const sums = new Map<string, { line: Omit<BillLine, 'micros'>; value: bigint }>();
  for (const c of dayCalls) {
    const apiKey = provider === 'openai' ? c.apiKey : null;
    for (const p of provider === 'openai' ? openaiParts(c) : anthropicParts(c)) {
      const key = JSON.stringify([c.project, apiKey, p.fields]);
      const prev = sums.get(key) ?? {
        line: { provider, day, project: c.project, apiKey, fields: p.fields, quantity: 0 },
        value: 0n,
      };
      prev.line.quantity += p.quantity;
      prev.value += p.value;
      sums.set(key, prev);
    }
  }
  const lines = [...sums.values()].map(({ line, value }) => ({
    ...line,
    micros: (value + TO_MICROS / 2n) / TO_MICROS,
  }));
  if (creditMicros) {
    const fields: Record<string, string | null> =
      provider === 'openai'
        ? { line_item: 'Credit', quantity_unit: null }
        : { ...NO_TOKENS, description: 'Promotional Credit', cost_type: null };
    lines.push({ provider, day, project: null, apiKey: null, fields, quantity: 0, micros: creditMicros });
  }
  return lines;
}
