import { load } from '../api/cache.ts';
import type { SpendResponse } from '../api/types.ts';
import { dimensionValue, type GroupKey } from '../lib/dimensions.ts';
import { type Filters, filterKey } from './filters.ts';
import { apiQuery } from './view.ts';

/**
 * Where a drill goes next from each dimension, most useful first: a team splits into its people, a
 * person into the models they use, a provider into its models, a model into the projects that call it.
 */
const NEXT: Record<string, GroupKey[]> = {
  team: ['user', 'model', 'project'],
  user: ['model', 'project', 'context'],
  provider: ['model', 'project', 'user'],
  model: ['project', 'user', 'team'],
  project: ['user', 'model', 'context'],
  context: ['model', 'user'],
  service: ['model', 'project', 'user'],
  apiKey: ['user', 'model', 'project'],
  source: ['provider', 'model', 'project'],
  costKind: ['model', 'project', 'user'],
};
const AFTER_TAG: GroupKey[] = ['team', 'user', 'model', 'project'];

/** The dimensions a drill from `key` tries, in order, leaving out those already narrowed to one value. */
export function drillCandidates(key: GroupKey, filters: Filters): GroupKey[] {
  const order = NEXT[key] ?? AFTER_TAG;
  return order.filter((d) => d !== key && (filters[filterKey(d)]?.length ?? 0) !== 1);
}

/** The filters after a drill into `value` of `key`: that value alone, whatever the filter held before. */
export function drilledFilters(filters: Filters, key: GroupKey, value: string): Filters {
  return { ...filters, [filterKey(key)]: [value] };
}

/**
 * The first candidate dimension with more than one value in the drilled data, so a drill never lands on
 * "platform 100%"; the first candidate when none splits (one user, one model: the view still says so).
 */
export async function nextDimension(
  key: GroupKey,
  value: string,
  period: { from: Date; to: Date },
  filters: Filters,
): Promise<GroupKey> {
  const next = drilledFilters(filters, key, value);
  const candidates = drillCandidates(key, next);
  for (const candidate of candidates) {
    // why: through the cache, so the answer is shared with the view that draws it right after
    const answer = await load<SpendResponse>(
      `/api/v1/spend?${apiQuery(period, next, { groupBy: candidate })}`,
    ).catch(() => null);
    if (!answer) continue;
    const values = new Set(answer.rows.map((r) => dimensionValue(r, candidate)));
    if (values.size > 1) return candidate;
  }
  return candidates[0] ?? key;
}

/**
 * Drills the view into `value` of `key`: filters to it and moves every grouping that showed `key` (the
 * URL parameters named in `groupings`, such as `by` and `stack`) to the next useful dimension, in one
 * history entry, so the browser's back button returns to the view before.
 */
export async function drill(
  view: { range: { from: Date; to: Date }; filters: Filters },
  key: GroupKey,
  value: string,
  groupings: Record<string, GroupKey>,
  navigate: (changes: Record<string, string | null>) => void,
): Promise<void> {
  const to = await nextDimension(key, value, view.range, view.filters);
  const moves: Record<string, string> = {};
  for (const [param, current] of Object.entries(groupings)) if (current === key) moves[param] = to;
  navigate({ [filterKey(key)]: value, ...moves });
}
