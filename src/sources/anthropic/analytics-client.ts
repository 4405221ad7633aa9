import type { z } from 'zod';
import { endpoint, type PullContext, type PullWindow, parsePage } from '../http/adapter.ts';
import { PullError } from '../http/errors.ts';
import type { AnalyticsPage } from './analytics-schema.ts';
import { ANTHROPIC_VERSION } from './client.ts';

/** The API holds nothing before this instant; asking for earlier is a 400. */
const ANALYTICS_EPOCH = Date.parse('2026-01-01T00:00:00Z');
const WIDTH_MS = { '1h': 3_600_000, '1d': 86_400_000 } as const;
const MAX_SPAN_MS = 31 * 86_400_000;
const MAX_PAGES = 1_000;
// why: an expired cursor (410) means starting the query over; more than a few in a row is something else.
const MAX_RESTARTS = 3;

/** One query of an analytics report: the path, its groupings and page size. */
export interface AnalyticsQuery {
  path: string;
  groupBy: string[];
  limit: number;
  /** Ends the query here instead of at the window's end (to read a second report over the same span). */
  endAt?: Date;
}

/** The pages of one query and the end it was read to (the export watermark when that came first). */
export interface AnalyticsRead<P> {
  pages: P[];
  from: Date;
  to: Date;
}

/**
 * Every page of one Enterprise Analytics report over a window. The start is kept on or after
 * 2026-01-01 and the span within 31 days; the end is pulled back to the export watermark
 * (`data_refreshed_at`) so no incomplete bucket is read; an expired cursor (410) restarts at page 1.
 */
export async function readAnalytics<S extends z.ZodType<AnalyticsPage>>(
  ctx: PullContext,
  window: PullWindow,
  query: AnalyticsQuery,
  schema: S,
): Promise<AnalyticsRead<z.output<S>>> {
  const width = WIDTH_MS[window.width];
  const from = new Date(Math.max(window.from.getTime(), ANALYTICS_EPOCH));
  let to = new Date(Math.min((query.endAt ?? window.to).getTime(), from.getTime() + MAX_SPAN_MS));
  for (let restarts = 0; ; ) {
    if (to <= from) return { pages: [], from, to: from };
    const url = queryUrl(ctx, window, query, from, to);
    try {
      const read = await pagesOf(ctx, url, query.path, schema, (mark) => Math.floor(mark / width) * width);
      if (read.pages) return { pages: read.pages, from, to };
      to = new Date(read.endAt);
    } catch (error) {
      const expired = error instanceof PullError && error.status === 410;
      if (!expired || ++restarts > MAX_RESTARTS) throw error;
    }
  }
}

function queryUrl(ctx: PullContext, window: PullWindow, query: AnalyticsQuery, from: Date, to: Date): URL {
  const url = endpoint(ctx.baseUrl, query.path);
  url.searchParams.set('starting_at', from.toISOString());
  url.searchParams.set('ending_at', to.toISOString());
  url.searchParams.set('bucket_width', window.width);
  url.searchParams.set('limit', String(query.limit));
  for (const g of query.groupBy) url.searchParams.append('group_by[]', g);
  return url;
}

/**
 * The pages of one query, or, when the first page's watermark (floored to the bucket by `floor`) falls
 * before the query's end, where to end it instead: buckets past the watermark are incomplete, and the
 * cursor is bound to the query, so it is asked again from page 1 before any further page is read.
 */
async function pagesOf<S extends z.ZodType<AnalyticsPage>>(
  ctx: PullContext,
  first: URL,
  path: string,
  schema: S,
  floor: (mark: number) => number,
): Promise<{ pages: z.output<S>[]; endAt?: never } | { pages?: never; endAt: number }> {
  // why: no beta header is documented for /analytics/*; an Analytics key (read:analytics) goes in x-api-key.
  const headers = {
    'x-api-key': ctx.key,
    'anthropic-version': ANTHROPIC_VERSION,
    'user-agent': 'spendlens/0.1 (self-hosted AI spend monitor)',
    accept: 'application/json',
  };
  const end = Date.parse(String(first.searchParams.get('ending_at')));
  const pages: z.output<S>[] = [];
  let url: URL | null = first;
  while (url) {
    const raw = await ctx.http.getJson(url, { headers, credential: ctx.key });
    const page = parsePage(schema, raw, `Anthropic ${path} (page ${pages.length + 1})`) as AnalyticsPage;
    const mark = floor(Date.parse(page.data_refreshed_at));
    if (pages.length === 0 && mark < end) return { endAt: mark };
    pages.push(page as z.output<S>);
    if (pages.length >= MAX_PAGES)
      throw new PullError('schema', `${path} kept paging past ${MAX_PAGES} pages`);
    url = page.has_more && page.next_page ? withPage(first, page.next_page) : null;
  }
  return { pages };
}

function withPage(url: URL, cursor: string): URL {
  const next = new URL(url);
  next.searchParams.set('page', cursor);
  return next;
}
