// The Anthropic Admin API usage report and cost report as a pull source (admin key).
import type { SourceAdapter } from '../http/adapter.ts';
import { uniqueIds } from '../http/ids.ts';
import { fetchPages } from './client.ts';
import { costToInput, usageToInputs } from './normalize.ts';
import { costPageSchema, usagePageSchema } from './schema.ts';

const HOUR_MS = 3_600_000;
// why: `context_window` splits each bucket at the 200k long-context threshold, which is decided per
// request; `inference_geo` and `speed` carry the US-only and fast-mode multipliers.
const USAGE_GROUPS = [
  'model',
  'workspace_id',
  'api_key_id',
  'service_tier',
  'context_window',
  'inference_geo',
  'speed',
];
const COST_GROUPS = ['workspace_id', 'description'];

export const anthropicAdapter: SourceAdapter = {
  kind: 'anthropic',
  defaultBaseUrl: 'https://api.anthropic.com/v1',
  streams: [
    { name: 'usage', recent: '1h', backfill: '1d', overlapMs: 24 * HOUR_MS },
    // why: the cost report offers only daily buckets.
    { name: 'costs', recent: '1d', backfill: '1d', overlapMs: 48 * HOUR_MS },
  ],
  async fetch(ctx, stream, window) {
    if (stream === 'costs') {
      const pages = await fetchPages(ctx, 'organizations/cost_report', window, COST_GROUPS, costPageSchema);
      const usage = pages.flatMap((p) => p.data).flatMap((b) => b.results.map((r) => costToInput(b, r)));
      return { usage: uniqueIds(usage), activities: [] };
    }
    const path = 'organizations/usage_report/messages';
    const pages = await fetchPages(ctx, path, window, USAGE_GROUPS, usagePageSchema);
    const usage = pages
      .flatMap((p) => p.data)
      .flatMap((b) => b.results.flatMap((r) => usageToInputs(window.width, b, r)));
    return { usage: uniqueIds(usage), activities: [] };
  },
};
