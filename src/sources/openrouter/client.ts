import { endpoint, type PullContext, parsePage } from '../http/adapter.ts';
import { PullError } from '../http/errors.ts';
import { type Activity, type ApiKey, activityPageSchema, keysPageSchema } from './schema.ts';

const MAX_PAGES = 1_000;

function headers(key: string): Record<string, string> {
  return {
    authorization: `Bearer ${key}`,
    accept: 'application/json',
    'user-agent': 'spendlens/0.1 (self-hosted AI spend monitor)',
  };
}

/** Every API key of the account, disabled ones included (their past days still cost), by `offset`. */
export async function fetchKeys(ctx: PullContext): Promise<ApiKey[]> {
  const keys: ApiKey[] = [];
  for (let n = 1; ; n++) {
    const url = endpoint(ctx.baseUrl, 'keys');
    url.searchParams.set('include_disabled', 'true');
    url.searchParams.set('offset', String(keys.length));
    const raw = await ctx.http.getJson(url, { headers: headers(ctx.key), credential: ctx.key });
    const page = parsePage(keysPageSchema, raw, `OpenRouter /keys (offset ${keys.length})`);
    // why: the page size is not documented; an empty page is the only sure end.
    if (page.data.length === 0) return keys;
    keys.push(...page.data);
    if (n >= MAX_PAGES) throw new PullError('schema', `OpenRouter /keys kept paging past ${MAX_PAGES} pages`);
  }
}

/** One key's activity on one completed UTC day (`YYYY-MM-DD`), one row per model endpoint. */
export async function fetchKeyDay(ctx: PullContext, key: ApiKey, day: string): Promise<Activity[]> {
  const url = endpoint(ctx.baseUrl, 'activity');
  url.searchParams.set('date', day);
  url.searchParams.set('api_key_hash', key.hash);
  const raw = await ctx.http.getJson(url, { headers: headers(ctx.key), credential: ctx.key });
  const where = `OpenRouter /activity (${day}, key ${key.label ?? key.name ?? 'unnamed'})`;
  return parsePage(activityPageSchema, raw, where).data;
}
