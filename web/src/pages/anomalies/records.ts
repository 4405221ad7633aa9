import type { GroupKey } from '../../lib/dimensions.ts';
import { drillCandidates } from '../../state/drill.ts';
import { isFilterKey, readFilters } from '../../state/filters.ts';
import { dayString } from '../../state/range.ts';
import type { Anomaly } from './types.ts';

/**
 * The records behind an anomaly or incident: Explore over the calendar days of its period, filtered to
 * its scopes (the whole org: no filter; several: the records in all of them) and grouped by the dimension
 * a drill into the first scope shows next, skipping those the scopes already pin to one value.
 */
export function recordsHref(
  scopes: Anomaly['scope'][],
  period: { periodStart: string; periodEnd: string },
): string {
  const q = new URLSearchParams({
    from: dayString(new Date(period.periodStart)),
    // why: the end is exclusive; its last instant names the period's last day
    to: dayString(new Date(Date.parse(period.periodEnd) - 1)),
  });
  const filtered = scopes.filter((s) => s.dimension !== 'org' && isFilterKey(s.dimension));
  for (const s of filtered) {
    const values = new Set([...(q.get(s.dimension)?.split(',') ?? []), s.value ?? '(none)']);
    q.set(s.dimension, [...values].join(','));
  }
  // why: a dimension every scope already pins to one value would show one row at 100%
  const filters = readFilters(q);
  const group =
    filtered.flatMap((s) => drillCandidates(s.dimension as GroupKey, filters))[0] ??
    (filters.model?.length === 1 ? 'user' : 'model');
  if (group !== 'model') q.set('group', group);
  return `/explore?${q}`;
}
