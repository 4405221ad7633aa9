import { endpoint, type PullContext, parsePage } from '../http/adapter.ts';
import { PullError } from '../http/errors.ts';
import { type QueryPage, queryPageSchema } from './schema.ts';

const API_VERSION = '2025-03-01';
const MAX_PAGES = 1_000;
/** Services whose meters carry Azure OpenAI: Cognitive Services today, Foundry Models on newer meters. */
const SERVICES = ['Cognitive Services', 'Foundry Models'];

function headers(token: string): Record<string, string> {
  return {
    authorization: `Bearer ${token}`,
    accept: 'application/json',
    'user-agent': 'spendlens/0.1 (self-hosted AI spend monitor)',
  };
}

/** The daily actual cost per meter and resource between two UTC days (both included). */
export function queryBody(firstDay: string, lastDay: string): Record<string, unknown> {
  return {
    type: 'ActualCost',
    timeframe: 'Custom',
    timePeriod: { from: `${firstDay}T00:00:00Z`, to: `${lastDay}T23:59:59Z` },
    dataset: {
      granularity: 'Daily',
      aggregation: { totalCost: { name: 'Cost', function: 'Sum' } },
      grouping: [
        { type: 'Dimension', name: 'Meter' },
        { type: 'Dimension', name: 'ResourceId' },
      ],
      filter: { dimensions: { name: 'ServiceName', operator: 'In', values: SERVICES } },
    },
  };
}

/** Every page of one query on the scope, following `nextLink` (on the same host only: it gets the token). */
export async function fetchQuery(
  ctx: PullContext,
  token: string,
  scope: string,
  body: Record<string, unknown>,
): Promise<QueryPage[]> {
  const path = `${scope}/providers/Microsoft.CostManagement/query`;
  let url: URL | null = endpoint(ctx.baseUrl, path);
  url.searchParams.set('api-version', API_VERSION);
  const pages: QueryPage[] = [];
  for (let n = 1; url; n++) {
    const raw = await ctx.http.postJson(url, body, { headers: headers(token), credential: ctx.key });
    const page = parsePage(queryPageSchema, raw, `Azure Cost Management /${path} (page ${n})`);
    if (!page) return pages;
    pages.push(page);
    const next = page.properties.nextLink;
    if (next && new URL(next).origin !== ctx.baseUrl.origin) {
      throw new PullError(
        'schema',
        `Azure Cost Management sent a nextLink to another host (${new URL(next).host})`,
      );
    }
    if (n >= MAX_PAGES)
      throw new PullError('schema', `Azure Cost Management kept paging past ${MAX_PAGES} pages`);
    url = next ? new URL(next) : null;
  }
  return pages;
}
