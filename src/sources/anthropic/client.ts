import type { z } from 'zod';
import { allPages, endpoint, type PullContext, type PullWindow, parsePage } from '../http/adapter.ts';

const MAX_BUCKETS = { '1h': 168, '1d': 31 } as const;
const WIDTH_MS = { '1h': 3_600_000, '1d': 86_400_000 } as const;
export const ANTHROPIC_VERSION = '2023-06-01';
// why: grouping the usage report by `speed` (fast mode) needs this beta.
export const ANTHROPIC_BETA = 'fast-mode-2026-02-01';

/**
 * Every page of one Anthropic Admin API report for a window: `x-api-key` and `anthropic-version`
 * headers, RFC 3339 bounds, array parameters in brackets (`group_by[]=model`), `page` cursors.
 */
export async function fetchPages<T extends z.ZodType<{ has_more: boolean; next_page: string | null }>>(
  ctx: PullContext,
  path: string,
  window: PullWindow,
  groupBy: string[],
  schema: T,
): Promise<z.output<T>[]> {
  const url = endpoint(ctx.baseUrl, path);
  url.searchParams.set('starting_at', window.from.toISOString());
  url.searchParams.set('ending_at', window.to.toISOString());
  url.searchParams.set('bucket_width', window.width);
  const buckets = Math.ceil((window.to.getTime() - window.from.getTime()) / WIDTH_MS[window.width]);
  url.searchParams.set('limit', String(Math.max(1, Math.min(MAX_BUCKETS[window.width], buckets))));
  for (const g of groupBy) url.searchParams.append('group_by[]', g);
  const headers = {
    'x-api-key': ctx.key,
    'anthropic-version': ANTHROPIC_VERSION,
    'anthropic-beta': ANTHROPIC_BETA,
    'user-agent': 'spendlens/0.1 (self-hosted AI spend monitor)',
    accept: 'application/json',
  };
  return allPages(url, async (pageUrl) => {
    const raw = await ctx.http.getJson(pageUrl, { headers, credential: ctx.key });
    return parsePage(schema, raw, `Anthropic ${path}`) as z.output<T>;
  });
}
