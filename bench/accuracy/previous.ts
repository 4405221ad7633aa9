// THE PREVIOUS LOGIC, FROZEN FOR COMPARISON ONLY (bench code, never imported by src/).
// A small copy of how spendlens estimated a provider day at commit 0b24535: src/price/estimate.ts (the
// long-context tier decided on a bucket's whole prompt; no web search, audio, tier or fast-mode
// pricing), the bundled rows of src/price/bundled-data.ts (at 0b24535) for the models the replayed days use, the
// catalog's date-suffix rule, and the sources as they were: the Anthropic usage report grouped by model,
// workspace, key and service tier only (no context_window), OpenAI's web and file search call
// endpoints not read.
import type { ReplayedDay } from './days.ts';
import { answer } from './provider-api.ts';

interface OldRates {
  input: number;
  output: number;
  cacheRead?: number;
  cacheWrite5m?: number;
  cacheWrite1h?: number;
  longContext?: Omit<OldRates, 'longContext'> & { thresholdTokens: number };
}

const SONNET = { input: 3, output: 15, cacheRead: 0.3, cacheWrite5m: 3.75, cacheWrite1h: 6 };
const OPUS_4_5 = { input: 5, output: 25, cacheRead: 0.5, cacheWrite5m: 6.25, cacheWrite1h: 10 };
const SONNET_LONG = {
  thresholdTokens: 200_000,
  input: 6,
  output: 22.5,
  cacheRead: 0.6,
  cacheWrite5m: 7.5,
  cacheWrite1h: 12,
};

/** 0b24535's bundled rows (USD per 1M) for the replayed models; gpt-realtime was not among them. */
const OLD_ROWS: Record<string, OldRates> = {
  'openai/gpt-4.1': { input: 2, output: 8, cacheRead: 0.5 },
  'openai/gpt-5': { input: 1.25, output: 10, cacheRead: 0.125 },
  'anthropic/claude-sonnet-4-5': { ...SONNET, longContext: SONNET_LONG },
  'anthropic/claude-haiku-4-5': { input: 1, output: 5, cacheRead: 0.1, cacheWrite5m: 1.25, cacheWrite1h: 2 },
  'anthropic/claude-opus-4-5': OPUS_4_5,
  'anthropic/claude-opus-4-6': OPUS_4_5,
};

interface OldUsage {
  batch: boolean;
  cacheTtl1h: boolean;
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
}

// In micro-dollars per 1M tokens, as the old catalog held them.
const micros = (usdPerM: number | undefined) =>
  usdPerM === undefined ? undefined : BigInt(Math.round(usdPerM * 1e6));

/** The old estimateCostMicros: whole-bucket long-context test, 50% batch, nothing else. */
function oldEstimate(entry: OldRates, u: OldUsage): bigint {
  const prompt = u.input + u.cacheRead + u.cacheWrite;
  const tier =
    entry.longContext && prompt > entry.longContext.thresholdTokens ? entry.longContext : undefined;
  const input = micros(tier?.input ?? entry.input) as bigint;
  const output = micros(tier?.output ?? entry.output) as bigint;
  const w5m = micros(tier?.cacheWrite5m ?? entry.cacheWrite5m);
  const w1h = micros(tier?.cacheWrite1h ?? entry.cacheWrite1h);
  const cacheRead = micros(tier?.cacheRead ?? entry.cacheRead) ?? input;
  const cacheWrite = (u.cacheTtl1h ? (w1h ?? w5m) : w5m) ?? input;
  const scaled =
    BigInt(u.input) * input +
    BigInt(u.cacheRead) * cacheRead +
    BigInt(u.cacheWrite) * cacheWrite +
    BigInt(u.output) * output;
  const kept = u.batch ? 50n : 100n;
  const divisor = 1_000_000n * 100n;
  return (scaled * kept + divisor / 2n) / divisor;
}

const undated = (model: string) => model.replace(/-\d{8}$|-\d{4}-\d{2}-\d{2}$/, '');

/** Every row of one endpoint for one day, following the pages. */
function rowsOf(
  days: ReplayedDay[],
  path: string,
  query: Record<string, string | string[]>,
): Record<string, unknown>[] {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) for (const x of [v].flat()) params.append(k, x);
  const out: Record<string, unknown>[] = [];
  for (;;) {
    const body = answer(days, path, params).body as {
      data: { results: Record<string, unknown>[] }[];
      has_more: boolean;
      next_page: string | null;
    };
    out.push(...body.data.flatMap((b) => b.results));
    if (!body.has_more || !body.next_page) return out;
    params.set('page', body.next_page);
  }
}

export interface PreviousEstimate {
  estimateMicros: bigint;
  /** Requests or rows the old catalog could not price (counted as $0 there, shown as unpriced). */
  unpricedRows: number;
}

/** What the previous logic would have estimated for one replayed day. */
export function previousEstimate(day: ReplayedDay): PreviousEstimate {
  const start = `${day.day}T00:00:00Z`;
  const end = new Date(Date.parse(start) + 86_400_000).toISOString();
  const usages: { model: string; usage: OldUsage }[] = [];
  if (day.provider === 'anthropic') {
    const groups = ['model', 'workspace_id', 'api_key_id', 'service_tier'];
    const q = { starting_at: start, ending_at: end, bucket_width: '1d', 'group_by[]': groups };
    for (const r of rowsOf(
      [day],
      '/v1/organizations/usage_report/messages',
      q,
    ) as unknown as AnthropicRow[]) {
      const base = { batch: r.service_tier === 'batch', input: 0, output: 0, cacheRead: 0, cacheWrite: 0 };
      usages.push({
        model: r.model,
        usage: {
          ...base,
          cacheTtl1h: false,
          input: r.uncached_input_tokens,
          output: r.output_tokens,
          cacheRead: r.cache_read_input_tokens,
          cacheWrite: r.cache_creation.ephemeral_5m_input_tokens,
        },
      });
      const hour = r.cache_creation.ephemeral_1h_input_tokens;
      if (hour) usages.push({ model: r.model, usage: { ...base, cacheTtl1h: true, cacheWrite: hour } });
    }
  } else {
    const groups = ['project_id', 'user_id', 'api_key_id', 'model', 'batch', 'service_tier'];
    const q = {
      start_time: String(Date.parse(start) / 1000),
      end_time: String(Date.parse(end) / 1000),
      bucket_width: '1d',
      group_by: groups,
    };
    for (const r of rowsOf([day], '/v1/organization/usage/completions', q) as unknown as OpenaiRow[]) {
      const cacheRead = r.input_cached_tokens ?? 0;
      usages.push({
        model: r.model,
        usage: {
          batch: r.batch === true,
          cacheTtl1h: false,
          input: r.input_uncached_tokens ?? r.input_tokens - cacheRead,
          output: r.output_tokens,
          cacheRead,
          cacheWrite: 0,
        },
      });
    }
  }
  let estimateMicros = 0n;
  let unpricedRows = 0;
  for (const { model, usage } of usages) {
    const entry = OLD_ROWS[`${day.provider}/${undated(model)}`];
    if (entry) estimateMicros += oldEstimate(entry, usage);
    else unpricedRows++;
  }
  return { estimateMicros, unpricedRows };
}

interface AnthropicRow {
  model: string;
  service_tier: string | null;
  uncached_input_tokens: number;
  cache_read_input_tokens: number;
  cache_creation: { ephemeral_5m_input_tokens: number; ephemeral_1h_input_tokens: number };
  output_tokens: number;
}

interface OpenaiRow {
  model: string;
  batch: boolean | null;
  input_tokens: number;
  input_cached_tokens?: number;
  input_uncached_tokens?: number;
  output_tokens: number;
}
