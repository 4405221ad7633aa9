import {
  DEFAULT_PERIOD,
  PERIOD_IDS,
  type Period,
  parsePeriodId,
  resolvePeriod,
  spanPeriod,
} from '../../../domain/periods.ts';
import { isTimeZone } from '../../../lib/time.ts';
import { invalid } from './analysis-query.ts';

type Query = Record<string, string | undefined>;

/**
 * The period `GET /api/v1/summary` reports: `period=last-month` (src/domain/periods.ts, in `tz`), or the
 * caller's `from`/`to`, or by default the last 30 days; each compared as the periods module says.
 */
export function summaryPeriod(
  query: Query,
  parsed: { from: Date; to: Date },
  now: Date,
  defaultTz: string,
): Period {
  const tz = query.tz ?? defaultTz;
  if (!isTimeZone(tz)) throw invalid('tz', `"${tz}" is not an IANA time zone such as Europe/Berlin`);
  if (query.period !== undefined) {
    const id = parsePeriodId(query.period);
    if (!id) throw invalid('period', `must be one of ${PERIOD_IDS.join(', ')}`);
    if (query.from !== undefined || query.to !== undefined)
      throw invalid('period', 'give a period or from/to, not both');
    return resolvePeriod(id, now, tz);
  }
  if (query.from === undefined && query.to === undefined) return resolvePeriod(DEFAULT_PERIOD, now, tz);
  return spanPeriod(parsed, tz);
}
