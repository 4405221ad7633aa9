// An activity-log feed (`GET /v1/projects/{project}/activity-logs?timestamp=…&limit=…`, Bearer token):
// notebook cell runs become activities for the join.
import { z } from 'zod';
import {
  type ActivityInput,
  endpoint,
  type PullContext,
  type PullWindow,
  parsePage,
  type SourceAdapter,
} from '../http/adapter.ts';
import { PullError } from '../http/errors.ts';

const PAGE = 500;
const MAX_PAGES = 200;

const entrySchema = z.object({
  user_id: z.string().min(1),
  cell_id: z.union([z.string(), z.number()]).transform(String),
  notebook_title: z.string().min(1),
  execution_start: z.string().min(1),
  execution_end: z.string().nullish(),
});
const pageSchema = z.object({ activities: z.array(entrySchema) });

export const activityFeedAdapter: SourceAdapter = {
  kind: 'activity',
  defaultBaseUrl: 'http://localhost',
  streams: [{ name: 'activities', recent: '1d', backfill: '1d', overlapMs: 6 * 3_600_000 }],
  async fetch(ctx, _stream, window) {
    return { usage: [], activities: await fetchActivities(ctx, window) };
  },
};

/** Reads from the window's start, moving `timestamp` to the last start seen while pages come back full. */
async function fetchActivities(ctx: PullContext, window: PullWindow): Promise<ActivityInput[]> {
  const project = ctx.settings.project;
  if (typeof project !== 'string')
    throw new PullError('refused', `source "${ctx.sourceId}" needs a project (the feed's path segment)`);
  const found = new Map<string, ActivityInput>();
  let since = window.from.toISOString();
  for (let page = 0; page < MAX_PAGES; page++) {
    const url = endpoint(ctx.baseUrl, `v1/projects/${encodeURIComponent(project)}/activity-logs`);
    url.searchParams.set('timestamp', since);
    url.searchParams.set('limit', String(PAGE));
    const raw = await ctx.http.getJson(url, {
      headers: { authorization: `Bearer ${ctx.key}` },
      credential: ctx.key,
    });
    const entries = parsePage(pageSchema, raw, 'activity-log feed').activities;
    for (const e of entries) {
      if (Date.parse(e.execution_start) >= window.to.getTime()) continue;
      const id = `${ctx.sourceId}:${e.cell_id}:${e.execution_start}`;
      found.set(id, {
        id,
        user: e.user_id,
        context: e.notebook_title,
        start: e.execution_start,
        end: e.execution_end ?? e.execution_start,
      });
    }
    const last = entries.at(-1)?.execution_start;
    if (entries.length < PAGE || !last || last <= since) break;
    since = last;
  }
  return [...found.values()];
}
