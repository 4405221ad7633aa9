import type { UsageRecordJson } from '../api/types.ts';
import { useApi } from '../api/useApi.ts';
import { DEFAULT_RANGE, resolveRange } from './range.ts';
import { apiQuery } from './view.ts';

/**
 * Tag keys in use, read from a sample of the latest records.
 * why: the API has no list of tag keys yet; a few hundred recent records name the ones that matter.
 */
export function useTagKeys(enabled = true): string[] {
  // why: the last 30 days whatever the view's range, so the answer is shared by every view
  const path = `/api/v1/usage?${apiQuery(resolveRange(DEFAULT_RANGE, new Date()), {}, { limit: '200' })}`;
  const { data } = useApi<{ records: UsageRecordJson[] }>(enabled ? path : null);
  const keys = new Set<string>();
  for (const record of data?.records ?? []) for (const key of Object.keys(record.tags)) keys.add(key);
  return [...keys].sort();
}
