import type { z } from 'zod';
import { endpoint, type PullContext, parsePage } from '../http/adapter.ts';
import { PullError } from '../http/errors.ts';
import { eventsPageSchema, type SpendPage, spendPageSchema, type UsageEvent } from './schema.ts';

const PAGE_SIZE = 100;
const MAX_PAGES = 1_000;

/** Basic auth with the API key as the user name and an empty password, as Cursor documents. */
function headers(key: string): Record<string, string> {
  return {
    authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}`,
    'user-agent': 'spendlens/0.1 (self-hosted AI spend monitor)',
    accept: 'application/json',
  };
}

/** Pages a POST endpoint by 1-based page number until `more(page)` says stop. */
async function pages<T extends z.ZodType>(
  ctx: PullContext,
  path: string,
  body: Record<string, unknown>,
  schema: T,
  more: (page: z.output<T>, n: number) => boolean,
): Promise<z.output<T>[]> {
  const url = endpoint(ctx.baseUrl, path);
  const out: z.output<T>[] = [];
  for (let n = 1; ; n++) {
    const raw = await ctx.http.postJson(
      url,
      { ...body, page: n, pageSize: PAGE_SIZE },
      { headers: headers(ctx.key), credential: ctx.key },
    );
    const page = parsePage(schema, raw, `Cursor /${path} (page ${n})`) as z.output<T>;
    out.push(page);
    if (!more(page, n)) return out;
    if (n >= MAX_PAGES) throw new PullError('schema', `Cursor /${path} kept paging past ${MAX_PAGES} pages`);
  }
}

/** Every usage event between two instants (epoch ms bounds; the API allows 30 days per request). */
export async function fetchEvents(ctx: PullContext, from: Date, to: Date): Promise<UsageEvent[]> {
  const body = { startDate: from.getTime(), endDate: to.getTime() };
  const all = await pages(
    ctx,
    'teams/filtered-usage-events',
    body,
    eventsPageSchema,
    (p) => p.pagination.hasNextPage,
  );
  // why: the end bound's inclusiveness is not documented; an event exactly on it belongs to the next window.
  return all
    .flatMap((p) => p.usageEvents)
    .filter((e) => e.timestamp >= from.getTime() && e.timestamp < to.getTime());
}

/** The current billing cycle's spend per member. */
export function fetchSpend(ctx: PullContext): Promise<SpendPage[]> {
  return pages(
    ctx,
    'teams/spend',
    { sortBy: 'user', sortDirection: 'asc' },
    spendPageSchema,
    (p, n) => n < p.totalPages,
  );
}
