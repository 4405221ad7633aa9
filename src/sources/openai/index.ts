// The OpenAI organization Usage API and Costs API as a pull source (admin key).
import type { UsageInput } from '../../normalize/usage.ts';
import type { PullContext, PullWindow, SourceAdapter } from '../http/adapter.ts';
import { PullError } from '../http/errors.ts';
import { uniqueIds } from '../http/ids.ts';
import { fetchPages } from './client.ts';
import { DEFAULT_ENDPOINTS, USAGE_ENDPOINTS } from './endpoints.ts';
import { costToInput, usageToInput } from './normalize.ts';
import { costPageSchema, usagePageSchema } from './schema.ts';

const HOUR_MS = 3_600_000;

export const openaiAdapter: SourceAdapter = {
  kind: 'openai',
  defaultBaseUrl: 'https://api.openai.com/v1',
  streams: [
    { name: 'usage', recent: '1h', backfill: '1d', overlapMs: 24 * HOUR_MS },
    // why: the Costs API offers only daily buckets, and a day's lines keep changing until it is over.
    { name: 'costs', recent: '1d', backfill: '1d', overlapMs: 48 * HOUR_MS },
  ],
  async fetch(ctx, stream, window) {
    const usage = stream === 'costs' ? await fetchCosts(ctx, window) : await fetchUsage(ctx, window);
    return { usage: uniqueIds(usage), activities: [] };
  },
};

async function fetchUsage(ctx: PullContext, window: PullWindow): Promise<UsageInput[]> {
  const out: UsageInput[] = [];
  for (const name of endpointsOf(ctx)) {
    const ep = USAGE_ENDPOINTS[name];
    if (!ep) throw new PullError('refused', `OpenAI usage endpoint "${name}" is not one spendlens reads`);
    const pages = await fetchPages(ctx, ep.path, window, ep.groupBy, usagePageSchema);
    for (const bucket of pages.flatMap((p) => p.data)) {
      for (const r of bucket.results) {
        if (r.object !== ep.object) {
          throw new PullError(
            'schema',
            `OpenAI ${ep.path} sent a result of type "${r.object}", not ${ep.object}`,
          );
        }
        out.push(usageToInput(name, ep, window.width, bucket, r));
      }
    }
  }
  return out;
}

async function fetchCosts(ctx: PullContext, window: PullWindow): Promise<UsageInput[]> {
  const groupBy = ['project_id', 'line_item', 'api_key_id'];
  const pages = await fetchPages(ctx, 'organization/costs', window, groupBy, costPageSchema);
  return pages
    .flatMap((p) => p.data)
    .flatMap((bucket) => bucket.results.map((r) => costToInput(bucket, r)))
    .filter((x): x is UsageInput => x !== null);
}

function endpointsOf(ctx: PullContext): string[] {
  const listed = ctx.settings.endpoints;
  return Array.isArray(listed) ? listed.map(String) : DEFAULT_ENDPOINTS;
}
