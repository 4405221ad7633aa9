import { endpoint, type PullContext, parsePage } from '../http/adapter.ts';
import { PullError } from '../http/errors.ts';
import { type Seat, seatsPageSchema, type UsageItem, usageReportSchema } from './schema.ts';

const PER_PAGE = 100;
const MAX_PAGES = 1_000;

function headers(key: string): Record<string, string> {
  return {
    authorization: `Bearer ${key}`,
    accept: 'application/vnd.github+json',
    'x-github-api-version': '2022-11-28',
    'user-agent': 'spendlens/0.1 (self-hosted AI spend monitor)',
  };
}

/** The organization's Copilot seats, one per login, page by page until `total_seats` are read. */
export async function fetchSeats(ctx: PullContext, org: string): Promise<Seat[]> {
  const path = `orgs/${encodeURIComponent(org)}/copilot/billing/seats`;
  const seats = new Map<string, Seat>();
  let read = 0;
  for (let n = 1; ; n++) {
    const url = endpoint(ctx.baseUrl, path);
    url.searchParams.set('per_page', String(PER_PAGE));
    url.searchParams.set('page', String(n));
    const raw = await ctx.http.getJson(url, { headers: headers(ctx.key), credential: ctx.key });
    const page = parsePage(seatsPageSchema, raw, `GitHub /${path} (page ${n})`);
    for (const seat of page.seats) if (!seats.has(seat.assignee.login)) seats.set(seat.assignee.login, seat);
    read += page.seats.length;
    // why: GitHub pages by Link header, which the JSON client does not see; the total says when to stop.
    if (page.seats.length === 0 || read >= page.total_seats) return [...seats.values()];
    if (n >= MAX_PAGES) throw new PullError('schema', `GitHub /${path} kept paging past ${MAX_PAGES} pages`);
  }
}

/** One user's premium-request usage on one UTC day (`YYYY-MM-DD`). */
export async function fetchUserDay(
  ctx: PullContext,
  org: string,
  user: string,
  day: string,
): Promise<UsageItem[]> {
  const path = `organizations/${encodeURIComponent(org)}/settings/billing/premium_request/usage`;
  const url = endpoint(ctx.baseUrl, path);
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  url.searchParams.set('year', String(year));
  url.searchParams.set('month', String(month));
  url.searchParams.set('day', String(date));
  url.searchParams.set('user', user);
  const raw = await ctx.http.getJson(url, { headers: headers(ctx.key), credential: ctx.key });
  return parsePage(usageReportSchema, raw, `GitHub /${path} (${day}, user ${user})`).usageItems;
}
