// The providers' admin APIs over replayed days, answering each request as the real API does: rows
// grouped by exactly the `group_by` asked (other dimensions null, their rows merged), buckets of the
// asked width within the asked bounds, and pages of a few buckets linked by `has_more`/`next_page`.
// Shapes: shared/reference/provider-formats.md §1 (OpenAI) and §2 (Anthropic).
import type { BillLine } from './bills.ts';
import type { Call, ReplayedDay } from './days.ts';

type Dims = Record<string, string | boolean | null>;
interface Item {
  at: number;
  dims: Dims;
  /** Dimensions that come only with a grouped one (the cost report's description brings its details). */
  details?: { with: string; dims: Dims };
  sums: Record<string, bigint>;
}

export interface ApiReply {
  status: number;
  body: unknown;
}

const WIDTH_MS: Record<string, number> = { '1m': 60_000, '1h': 3_600_000, '1d': 86_400_000 };
// why: a page holds at most this many buckets even when `limit` allows more, so paging is exercised.
const PAGE_BUCKETS = 3;

const n = (v: number) => BigInt(v);
const dayStart = (line: BillLine) => Date.parse(`${line.day}T00:00:00Z`);

/** Answers one request to `/v1/…` of either provider from the replayed days. */
export function answer(days: ReplayedDay[], path: string, query: URLSearchParams): ApiReply {
  const calls = days.flatMap((d) => d.calls);
  const lines = days.flatMap((d) => d.lines);
  const anthropic = calls.filter((c) => c.provider === 'anthropic');
  const openai = calls.filter((c) => c.provider === 'openai');
  if (path === '/v1/organizations/usage_report/messages') {
    return anthropicPage(query, anthropic.map(anthropicUsage), anthropicUsageRow);
  }
  if (path === '/v1/organizations/cost_report') {
    return anthropicPage(query, lines.filter((l) => l.provider === 'anthropic').map(anthropicCost), costRow);
  }
  if (path === '/v1/organization/costs') {
    return openaiPage(query, lines.filter((l) => l.provider === 'openai').map(openaiCost), openaiCostRow);
  }
  const endpoint = /^\/v1\/organization\/usage\/([a-z_]+)$/.exec(path)?.[1];
  if (!endpoint) return { status: 404, body: { error: { message: `no route ${path}` } } };
  if (endpoint === 'completions') return openaiPage(query, openai.map(completions), completionsRow);
  if (endpoint === 'web_search_calls') {
    return openaiPage(
      query,
      openai.filter((c) => c.webSearches > 0).map(webSearches),
      toolRow('web_searches'),
    );
  }
  if (endpoint === 'file_search_calls') {
    return openaiPage(
      query,
      openai.filter((c) => c.fileSearches > 0).map(fileSearches),
      toolRow('file_searches'),
    );
  }
  return openaiPage(query, [], () => ({}));
}

function anthropicUsage(c: Call): Item {
  const prompt = c.input + c.cacheRead + c.cacheWrite5m + c.cacheWrite1h;
  return {
    at: c.at,
    dims: {
      api_key_id: c.apiKey,
      workspace_id: c.project,
      model: c.model,
      service_tier: c.tier === 'batch' ? 'batch' : 'standard',
      context_window: prompt > 200_000 ? '200k-1M' : '0-200k',
      inference_geo: c.geo,
      speed: c.speed,
    },
    sums: {
      uncached_input_tokens: n(c.input),
      cache_read_input_tokens: n(c.cacheRead),
      ephemeral_5m_input_tokens: n(c.cacheWrite5m),
      ephemeral_1h_input_tokens: n(c.cacheWrite1h),
      output_tokens: n(c.output),
      web_search_requests: n(c.webSearches),
    },
  };
}

function anthropicUsageRow(dims: Dims, s: Record<string, bigint>) {
  return {
    uncached_input_tokens: Number(s.uncached_input_tokens),
    cache_read_input_tokens: Number(s.cache_read_input_tokens),
    cache_creation: {
      ephemeral_5m_input_tokens: Number(s.ephemeral_5m_input_tokens),
      ephemeral_1h_input_tokens: Number(s.ephemeral_1h_input_tokens),
    },
    output_tokens: Number(s.output_tokens),
    server_tool_use: { web_search_requests: Number(s.web_search_requests) },
    account_id: null,
    service_account_id: null,
    ...dims,
  };
}

function anthropicCost(l: BillLine): Item {
  const { description, ...details } = l.fields;
  return {
    at: dayStart(l),
    dims: { workspace_id: l.project, description: description ?? null },
    details: { with: 'description', dims: details },
    sums: { amount: l.micros },
  };
}

function costRow(dims: Dims, s: Record<string, bigint>) {
  return {
    currency: 'USD',
    amount: cents(s.amount ?? 0n),
    cost_type: null,
    model: null,
    service_tier: null,
    context_window: null,
    token_type: null,
    inference_geo: null,
    speed: null,
    ...dims,
  };
}

/** Micro-dollars as the cost report writes them: cents as a decimal string ("123.4567"). */
function cents(micros: bigint): string {
  const abs = micros < 0n ? -micros : micros;
  return `${micros < 0n ? '-' : ''}${abs / 10_000n}.${(abs % 10_000n).toString().padStart(4, '0')}`;
}

function dollars(micros: bigint): string {
  const abs = micros < 0n ? -micros : micros;
  return `${micros < 0n ? '-' : ''}${abs / 1_000_000n}.${(abs % 1_000_000n).toString().padStart(6, '0')}`;
}

const people = (c: Call): Dims => ({
  project_id: c.project,
  user_id: c.user,
  api_key_id: c.apiKey,
});

function completions(c: Call): Item {
  return {
    at: c.at,
    dims: {
      ...people(c),
      model: c.model,
      batch: c.tier === 'batch',
      service_tier: c.tier === 'flex' || c.tier === 'priority' ? c.tier : 'default',
    },
    sums: {
      input_tokens: n(c.input + c.cacheRead),
      input_cached_tokens: n(c.cacheRead),
      input_cache_write_tokens: 0n,
      input_uncached_tokens: n(c.input),
      output_tokens: n(c.output),
      input_text_tokens: n(c.input - c.audioInput + c.cacheRead - c.audioCacheRead),
      input_cached_text_tokens: n(c.cacheRead - c.audioCacheRead),
      output_text_tokens: n(c.output - c.audioOutput),
      input_audio_tokens: n(c.audioInput + c.audioCacheRead),
      input_cached_audio_tokens: n(c.audioCacheRead),
      output_audio_tokens: n(c.audioOutput),
      input_image_tokens: 0n,
      input_cached_image_tokens: 0n,
      output_image_tokens: 0n,
      num_model_requests: 1n,
    },
  };
}

const numbers = (s: Record<string, bigint>) =>
  Object.fromEntries(Object.entries(s).map(([k, v]) => [k, Number(v)]));

function completionsRow(dims: Dims, s: Record<string, bigint>) {
  return { object: 'organization.usage.completions.result', ...numbers(s), ...dims };
}

function webSearches(c: Call): Item {
  return {
    at: c.at,
    dims: { ...people(c), model: c.model, context_level: 'medium' },
    sums: { num_model_requests: 1n, num_requests: n(c.webSearches) },
  };
}

function fileSearches(c: Call): Item {
  return {
    at: c.at,
    dims: { ...people(c), vector_store_id: `vs_${c.project}` },
    sums: { num_requests: n(c.fileSearches) },
  };
}

const toolRow = (kind: string) => (dims: Dims, s: Record<string, bigint>) => ({
  object: `organization.usage.${kind}.result`,
  ...numbers(s),
  ...dims,
});

function openaiCost(l: BillLine): Item {
  return {
    at: dayStart(l),
    dims: { project_id: l.project, line_item: l.fields.line_item ?? null, api_key_id: l.apiKey },
    details: { with: 'line_item', dims: { quantity_unit: l.fields.quantity_unit ?? null } },
    sums: { amount: l.micros, quantity: n(l.quantity) },
  };
}

function openaiCostRow(dims: Dims, s: Record<string, bigint>) {
  const byLine = dims.line_item !== null;
  return {
    object: 'organization.costs.result',
    amount: { value: dollars(s.amount ?? 0n), currency: 'usd' },
    quantity: byLine ? Number(s.quantity) : null,
    quantity_unit: null,
    ...dims,
  };
}

type Render = (dims: Dims, sums: Record<string, bigint>) => object;

/** Items summed per bucket and per the asked grouping; ungrouped dimensions come back null. */
function buckets(items: Item[], from: number, to: number, width: number, groupBy: string[]) {
  const out: { start: number; rows: Map<string, { dims: Dims; sums: Record<string, bigint> }> }[] = [];
  for (let t = Math.floor(from / width) * width; t < to; t += width) out.push({ start: t, rows: new Map() });
  for (const item of items) {
    const bucket = out.find((b) => item.at >= Math.max(b.start, from) && item.at < b.start + width);
    if (!bucket || item.at >= to) continue;
    const dims: Dims = {};
    for (const key of Object.keys(item.dims))
      dims[key] = groupBy.includes(key) ? (item.dims[key] ?? null) : null;
    const details = item.details;
    if (details)
      for (const [k, v] of Object.entries(details.dims)) dims[k] = groupBy.includes(details.with) ? v : null;
    const key = JSON.stringify(dims);
    const row = bucket.rows.get(key) ?? { dims, sums: {} };
    for (const [k, v] of Object.entries(item.sums)) row.sums[k] = (row.sums[k] ?? 0n) + v;
    bucket.rows.set(key, row);
  }
  return out;
}

/** The slice of buckets one page holds, from the opaque cursor. */
function paged<T>(all: T[], query: URLSearchParams) {
  const limit = Math.max(1, Number(query.get('limit') ?? 7));
  const cursor = query.get('page');
  const at = cursor ? Number(Buffer.from(cursor.replace(/^page_/, ''), 'base64').toString()) : 0;
  const size = Math.min(limit, PAGE_BUCKETS);
  const more = at + size < all.length;
  return {
    slice: all.slice(at, at + size),
    has_more: more,
    next_page: more ? `page_${Buffer.from(String(at + size)).toString('base64')}` : null,
  };
}

function anthropicPage(query: URLSearchParams, items: Item[], render: Render): ApiReply {
  const from = Date.parse(query.get('starting_at') ?? '');
  const to = query.get('ending_at') ? Date.parse(query.get('ending_at') as string) : Date.now();
  const width = WIDTH_MS[query.get('bucket_width') ?? '1d'];
  if (Number.isNaN(from) || !width) return { status: 400, body: { error: { message: 'bad bounds' } } };
  const all = buckets(items, from, to, width, query.getAll('group_by[]'));
  const { slice, ...page } = paged(all, query);
  const iso = (t: number) => new Date(t).toISOString().replace('.000Z', 'Z');
  return {
    status: 200,
    body: {
      data: slice.map((b) => ({
        starting_at: iso(b.start),
        ending_at: iso(b.start + width),
        results: [...b.rows.values()].map((r) => render(r.dims, r.sums)),
      })),
      ...page,
    },
  };
}

function openaiPage(query: URLSearchParams, items: Item[], render: Render): ApiReply {
  const from = Number(query.get('start_time')) * 1000;
  const to = query.get('end_time') ? Number(query.get('end_time')) * 1000 : Date.now();
  const width = WIDTH_MS[query.get('bucket_width') ?? '1d'];
  if (!from || !width) return { status: 400, body: { error: { message: 'bad bounds' } } };
  const all = buckets(items, from, to, width, query.getAll('group_by'));
  const { slice, ...page } = paged(all, query);
  return {
    status: 200,
    body: {
      object: 'page',
      data: slice.map((b) => ({
        object: 'bucket',
        // why: the first bucket starts at the exact start_time asked, later ones on the width's boundary.
        start_time: Math.max(b.start, from) / 1000,
        end_time: Math.min(b.start + width, to) / 1000,
        results: [...b.rows.values()].map((r) => render(r.dims, r.sums)),
      })),
      ...page,
    },
  };
}
