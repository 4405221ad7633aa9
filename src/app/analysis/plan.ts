import { addDays, type Day, localDay } from '../../analyze/calendar.ts';
import { ANALYSIS_DEFAULTS, type AnalysisOptions } from '../../analyze/options.ts';
import type { AppContext } from '../context.ts';

/** Days each refresh re-examines: a month and some, so a month's anomalies are always on record. */
export const LOOKBACK_DAYS = 35;
/**
 * Days examined before a requested start: an episode under way on that day is found from its first day,
 * so it keeps the id (org, kind, scope, start) a wider examination gives it.
 */
export const EPISODE_LEAD_DAYS = 7;
/** Days of hourly history the intraday rhythm is read from. */
export const HOURLY_DAYS = 28;

/** What one refresh looks at, fixed from `ctx.now()` once so every part agrees. */
export interface RefreshPlan {
  org: string;
  tz: string;
  now: Date;
  /** Today in the reporting zone: the day under way, examined intraday only. */
  today: Day;
  /** The first complete day examined for daily anomalies. */
  evaluateFrom: Day;
  /** The first day read: the baselines of the examined days need their history. */
  fetchFrom: Day;
  options: AnalysisOptions;
}

/**
 * The plan of a refresh at `ctx.now()`: the last `recentDays`, or from `since` (the first instant new
 * data or a requested range touches) when that is earlier. With no `since` and no recent days, no
 * complete day is examined: today only.
 */
export function refreshPlan(
  ctx: AppContext,
  org: string,
  options: AnalysisOptions = ANALYSIS_DEFAULTS,
  since?: Date,
  recentDays = LOOKBACK_DAYS,
): RefreshPlan {
  const now = ctx.now();
  const tz = ctx.config.timezone;
  const today = localDay(now, tz);
  const recent = addDays(today, -recentDays);
  const asked = since ? addDays(localDay(since, tz), -EPISODE_LEAD_DAYS) : recent;
  const evaluateFrom = [asked, recent].sort()[0]!;
  return {
    org,
    tz,
    now,
    today,
    evaluateFrom,
    fetchFrom: addDays(evaluateFrom, -options.profileDays),
    options,
  };
}

/**
 * The money floor for an org: the configured minimum, or 1% of the org's typical day when that is
 * more, so a large org is not told about every few dollars a user spends.
 */
export function withOrgFloor(options: AnalysisOptions, orgDaily: number): AnalysisOptions {
  return { ...options, minDelta: Math.max(options.minDelta, 0.01 * orgDaily) };
}
