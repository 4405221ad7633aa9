import type { z } from 'zod';
import { allPages, endpoint, type PullContext, type PullWindow, parsePage } from '../http/adapter.ts';

const BUCKET_SECONDS = { '1h': 3_600, '1d': 86_400 } as const;
// why: `limit` counts buckets, and each width has its own maximum.
const MAX_BUCKETS = { '1h': 168, '1d': 31 } as const;

/**
 * Every page of one OpenAI admin endpoint for a window: Bearer admin key, Unix-second bounds, array
 * parameters as repeated keys (`group_by=model&group_by=project_id`), `page` cursors until `has_more` is false.
 */
export async function fetchPages<T extends z.ZodType<{ has_more: boolean; next_page: string | null }>>(
  ctx: PullContext,
  path: string,
  window: PullWindow,
  groupBy: string[],
  schema: T,
): Promise<z.output<T>[]> {
  const url = endpoint(ctx.baseUrl, path);
  const from = Math.floor(window.from.getTime() / 1000);
  const to = Math.floor(window.to.getTime() / 1000);
  url.searchParams.set('start_time', String(from));
  url.searchParams.set('end_time', String(to));
  url.searchParams.set('bucket_width', window.width);
  const buckets = Math.ceil((to - from) / BUCKET_SECONDS[window.width]);
  url.searchParams.set('limit', String(Math.max(1, Math.min(MAX_BUCKETS[window.width], buckets))));
  for (const g of groupBy) url.searchParams.append('group_by', g);
  const headers = { authorization: `Bearer ${ctx.key}`, accept: 'application/json' };
  return allPages(url, async (pageUrl) => {
    const raw = await ctx.http.getJson(pageUrl, { headers, credential: ctx.key });
    return parsePage(schema, raw, `OpenAI ${path}`) as z.output<T>;
  });
}
