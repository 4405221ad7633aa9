import { type Filters, readFilters } from './filters.ts';
import { type RangeSpec, type ResolvedRange, readRange, resolveRange } from './range.ts';
import { useLocation } from './router.ts';

/** What every page reads from the URL: the date range and the filters. */
export interface View {
  search: URLSearchParams;
  spec: RangeSpec;
  range: ResolvedRange;
  filters: Filters;
  /** `from`, `to`, `tz` and the filters as an API query string, without a leading `?`. */
  query: string;
}

const TZ = Intl.DateTimeFormat().resolvedOptions().timeZone;

export function useView(): View {
  const { search } = useLocation();
  const spec = readRange(search);
  const range = resolveRange(spec, new Date());
  const filters = readFilters(search);
  return { search, spec, range, filters, query: apiQuery(range, filters) };
}

/** Builds an API query for a period and filters; `extra` adds `groupBy`, `bucket` and the like. */
export function apiQuery(
  period: { from: Date; to: Date },
  filters: Filters,
  extra: Record<string, string> = {},
): string {
  const params = new URLSearchParams({
    from: period.from.toISOString(),
    to: period.to.toISOString(),
    tz: TZ,
    ...extra,
  });
  for (const [key, values] of Object.entries(filters)) params.set(key, values.join(','));
  return params.toString();
}
