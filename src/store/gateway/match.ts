import { type Dimension, INVOICE_SERVICE, type UsageRecord } from '../../domain/record.ts';
import type { UsageFilter } from '../types.ts';

/**
 * Whether the spend query of `filter` counts `record`: the WHERE clause of `whereClause` (filter.ts)
 * read in memory, so a running spend can take a written record without reading the ledger again.
 */
export function recordInFilter(record: UsageRecord, filter: UsageFilter): boolean {
  if (record.org !== filter.org) return false;
  if (record.service === INVOICE_SERVICE && !filter.dimensions?.service?.includes(INVOICE_SERVICE))
    return false;
  const at = record.timestamp.getTime();
  if (filter.from && at < filter.from.getTime()) return false;
  if (filter.to && at >= filter.to.getTime()) return false;
  for (const [dimension, values] of Object.entries(filter.dimensions ?? {})) {
    if (!values || values.length === 0) continue;
    if (!values.includes(record[dimension as Dimension] ?? null)) return false;
  }
  if (filter.visibility) {
    const { teams, users } = filter.visibility;
    const seen =
      (record.team !== null && teams.includes(record.team)) ||
      (record.user !== null && users.includes(record.user));
    if (!seen) return false;
  }
  for (const [key, values] of Object.entries(filter.tags ?? {})) {
    if (values.length === 0) continue;
    const v = record.tags[key];
    if (v === undefined || !values.includes(v)) return false;
  }
  return true;
}
