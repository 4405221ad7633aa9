// The Anthropic usage and cost reports as a pull source: the Enterprise Analytics API when the key
// reaches it (an Analytics key, read:analytics), the legacy Admin API reports otherwise (an Admin key).
import type { PullContext, PullResult, PullWindow, SourceAdapter } from '../http/adapter.ts';
import { uniqueIds } from '../http/ids.ts';
import { readAnalytics } from './analytics-client.ts';
import { orgCostToInputs, userRowsToInputs } from './analytics-normalize.ts';
import { orgCostPageSchema, userCostPageSchema, userUsagePageSchema } from './analytics-schema.ts';
import { withApi } from './api-choice.ts';
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
const USER_GROUPS = ['product', 'model', 'context_window', 'inference_geo', 'speed'];
const ORG_COST_GROUPS = ['product', 'model', 'cost_type'];
// why: the per-user reports page by rows (1 to 1000); the org cost report by daily buckets (at most 31).
const USER_LIMIT = 1000;
const DAY_LIMIT = 31;

export const anthropicAdapter: SourceAdapter = {
  kind: 'anthropic',
  defaultBaseUrl: 'https://api.anthropic.com/v1',
  streams: [
    { name: 'usage', recent: '1h', backfill: '1d', overlapMs: 24 * HOUR_MS },
    // why: the legacy cost report offers only daily buckets.
    { name: 'costs', recent: '1d', backfill: '1d', overlapMs: 48 * HOUR_MS },
  ],
  fetch: (ctx, stream, window) =>
    withApi(ctx, (api) =>
      api === 'analytics' ? fetchAnalytics(ctx, stream, window) : fetchLegacy(ctx, stream, window),
    ),
};

async function fetchLegacy(ctx: PullContext, stream: string, window: PullWindow): Promise<PullResult> {
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
}

/**
 * Usage: each person's tokens joined with their cost over the same span (the cost read ends where the
 * usage read did, at the export watermark). Costs: the organization's cost report as invoice lines.
 */
async function fetchAnalytics(ctx: PullContext, stream: string, window: PullWindow): Promise<PullResult> {
  if (stream === 'costs') {
    const query = { path: 'organizations/analytics/cost_report', groupBy: ORG_COST_GROUPS, limit: DAY_LIMIT };
    const read = await readAnalytics(ctx, window, query, orgCostPageSchema);
    return { usage: uniqueIds(read.pages.flatMap(orgCostToInputs)), activities: [] };
  }
  const usagePath = 'organizations/analytics/user_usage_report';
  const usage = await readAnalytics(
    ctx,
    window,
    { path: usagePath, groupBy: USER_GROUPS, limit: USER_LIMIT },
    userUsagePageSchema,
  );
  if (usage.to <= usage.from) return { usage: [], activities: [] };
  const costPath = 'organizations/analytics/user_cost_report';
  const costQuery = { path: costPath, groupBy: USER_GROUPS, limit: USER_LIMIT, endAt: usage.to };
  const cost = await readAnalytics(ctx, window, costQuery, userCostPageSchema);
  // why: should the cost export lag the usage export, usage past it waits for the next sync.
  const end = cost.to.getTime();
  const rows = usage.pages.flatMap((p) => p.data).filter((r) => Date.parse(r.ending_at) <= end);
  const inputs = userRowsToInputs(
    window.width,
    rows,
    cost.pages.flatMap((p) => p.data),
  );
  return { usage: uniqueIds(inputs), activities: [] };
}
