import { localDay } from '../../analyze/calendar.ts';
import { DAY_MS } from '../../lib/time.ts';
import type { DetectionMark } from '../../store/types.ts';

/** Days the first run for an org examines, so a ledger imported before anyone looked is examined once. */
export const FIRST_HISTORY_DAYS = 400;

/** What one detection run examines: only what new data, or a day coming to its end, can change. */
export interface Examination {
  /** Complete days are examined from this instant's local day (the episode lead before it too); null: none. */
  dailySince: Date | null;
  /** Whether today's intraday checks run: records were written since the last run. */
  intraday: boolean;
  /** The earliest instant examined so far, to record once the run is done. */
  examinedFrom: Date;
}

/**
 * Decides a run from the org's mark at `now`: the first run examines the last FIRST_HISTORY_DAYS;
 * later ones the days from the earliest record written since (a late record for an old day included),
 * the days that ended since the last run, and an `asked` start older than anything examined before.
 * Nothing written and no day ended: nothing to examine.
 */
export function examination(
  mark: DetectionMark | null,
  asked: Date | undefined,
  now: Date,
  tz: string,
): Examination {
  // why: a mark from the future (the clock was set back) says nothing about what now needs; start afresh.
  if (!mark?.examinedAt || mark.examinedAt > now) {
    const first = new Date(now.getTime() - FIRST_HISTORY_DAYS * DAY_MS);
    const since = asked && asked < first ? asked : first;
    return { dailySince: since, intraday: true, examinedFrom: since };
  }
  const before = mark.examinedFrom ?? mark.examinedAt;
  const starts = [mark.examinedAt, ...(mark.writtenFrom ? [mark.writtenFrom] : [])];
  if (asked && asked < before) starts.push(asked);
  const start = new Date(Math.min(...starts.map((d) => d.getTime())));
  return {
    dailySince: localDay(start, tz) < localDay(now, tz) ? start : null,
    intraday: mark.writtenFrom !== null,
    examinedFrom: new Date(Math.min(start.getTime(), before.getTime())),
  };
}
