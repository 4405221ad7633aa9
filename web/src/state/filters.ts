import { isDimension } from '../lib/dimensions.ts';

/**
 * Filters as the URL and the API both write them: `model=gpt-5,gpt-4.1`, `team=(none)`, `tag.env=prod`.
 * Keys are dimensions or `tag.<key>`; each holds the values it accepts.
 */
export type Filters = Record<string, string[]>;

export function isFilterKey(key: string): boolean {
  return isDimension(key) || /^tag\.[A-Za-z0-9_.\-/]{1,64}$/.test(key);
}

export function readFilters(params: URLSearchParams): Filters {
  const filters: Filters = {};
  for (const [key, value] of params) {
    if (!isFilterKey(key)) continue;
    const values = value
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean);
    if (values.length) filters[key] = [...new Set([...(filters[key] ?? []), ...values])];
  }
  return filters;
}

/** The filter key for a group key: `tag:env` groups, `tag.env` filters. */
export function filterKey(groupKey: string): string {
  return groupKey.startsWith('tag:') ? `tag.${groupKey.slice(4)}` : groupKey;
}

/** URL changes that add one value to a filter. */
export function withValue(filters: Filters, key: string, value: string): Record<string, string | null> {
  const values = [...new Set([...(filters[key] ?? []), value])];
  return { [key]: values.join(',') };
}

/** URL changes that drop one value from a filter (the whole filter when it was the last). */
export function withoutValue(filters: Filters, key: string, value: string): Record<string, string | null> {
  const values = (filters[key] ?? []).filter((v) => v !== value);
  return { [key]: values.length ? values.join(',') : null };
}

/** URL changes that clear every filter. */
export function clearAll(filters: Filters): Record<string, string | null> {
  return Object.fromEntries(Object.keys(filters).map((k) => [k, null]));
}
