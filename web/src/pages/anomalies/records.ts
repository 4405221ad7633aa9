import type { GroupKey } from '../../lib/dimensions.ts';
import { drillCandidates } from '../../state/drill.ts';
import { isFilterKey } from '../../state/filters.ts';
import { dayString } from '../../state/range.ts';
import type { Anomaly } from './types.ts';

/**
 * The records behind an anomaly or incident: Explore over the calendar days of its period, filtered to
 * its scope (the whole org: no filter) and grouped by the dimension a drill into that scope shows next.
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
  const first = filtered[0]?.dimension as GroupKey | undefined;
  const group = first ? (drillCandidates(first, {})[0] ?? 'model') : 'model';
  if (group !== 'model') q.set('group', group);
  return `/explore?${q}`;
}
