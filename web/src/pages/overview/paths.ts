import { readBucket, usableBuckets } from '../../lib/buckets.ts';
import { type GroupKey, parseGroupKey } from '../../lib/dimensions.ts';
import { readFilters } from '../../state/filters.ts';
import { defaultBucket, previousRange, readRange, resolveRange } from '../../state/range.ts';
import { apiQuery } from '../../state/view.ts';

/** The overview's choices as the URL holds them, and the API paths that fill it. */
export function overviewPaths(search: URLSearchParams, now: Date) {
  const range = resolveRange(readRange(search), now);
  const filters = readFilters(search);
  const stack: GroupKey = parseGroupKey(search.get('stack')) ?? 'model';
  const by: GroupKey = parseGroupKey(search.get('by')) ?? 'team';
  // why: a bucket kept in the URL from a longer range (weeks) does not fit a day; the range's own then.
  const asked = readBucket(search.get('bucket'));
  const bucket = asked && usableBuckets(range.from, range.to).includes(asked) ? asked : defaultBucket(range);
  // why: the stack's previous period names the biggest mover, which the trend keeps out of "Other".
  const previousStack = `/api/v1/spend?${apiQuery(previousRange(range), filters, { groupBy: stack })}`;
  return {
    stack,
    by,
    bucket,
    summary: `/api/v1/summary?${apiQuery(range, filters)}`,
    trend: `/api/v1/spend?${apiQuery(range, filters, { groupBy: stack, bucket })}`,
    current: `/api/v1/spend?${apiQuery(range, filters, { groupBy: by })}`,
    previous: `/api/v1/spend?${apiQuery(previousRange(range), filters, { groupBy: by })}`,
    previousStack,
    // why: incidents span scopes, so the overview's dimension filters do not narrow them.
    incidents: `/api/v1/incidents?${new URLSearchParams({
      from: range.from.toISOString(),
      to: range.to.toISOString(),
      status: 'open,acknowledged',
      limit: '50',
    })}`,
  };
}
