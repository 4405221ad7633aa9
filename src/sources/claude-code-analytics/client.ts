import { ANTHROPIC_VERSION } from '../anthropic/client.ts';
import { allPages, endpoint, type PullContext, parsePage } from '../http/adapter.ts';
import { type Page, pageSchema } from './schema.ts';

const PATH = 'organizations/usage_report/claude_code';
// why: the documented maximum; a day of a large org then fits one or two pages.
const LIMIT = 1000;

/**
 * Every page of one UTC day of the Claude Code Analytics report: the API takes a single day
 * (`starting_at=YYYY-MM-DD`) and pages by the opaque `next_page` cursor while `has_more` is true.
 */
export async function fetchDay(ctx: PullContext, day: string): Promise<Page[]> {
  const url = endpoint(ctx.baseUrl, PATH);
  url.searchParams.set('starting_at', day);
  url.searchParams.set('limit', String(LIMIT));
  const headers = {
    'x-api-key': ctx.key,
    'anthropic-version': ANTHROPIC_VERSION,
    'user-agent': 'spendlens/0.1 (self-hosted AI spend monitor)',
    accept: 'application/json',
  };
  let n = 0;
  return allPages(url, async (pageUrl) => {
    n += 1;
    const raw = await ctx.http.getJson(pageUrl, { headers, credential: ctx.key });
    return parsePage(pageSchema, raw, `Anthropic ${PATH} (${day}, page ${n})`);
  });
}
