import { addDays, dayStart } from '../../src/analyze/calendar.ts';
import { ANALYSIS_DEFAULTS, type AnalysisOptions } from '../../src/analyze/options.ts';
import { sum } from '../../src/analyze/stats.ts';
import { fineBasis, fineIntradayCandidate } from '../../src/app/analysis/fine-candidates.ts';
import type { RefreshPlan } from '../../src/app/analysis/plan.ts';
import { createRandom, streamSeed } from '../../src/sources/demo/random.ts';
import type { IntradayScore } from './intraday.ts';
import {
  HISTORY_DAYS,
  INTRADAY_DAYS,
  type LabelledIntraday,
  minuteSpend,
  SLOT_MINUTES,
  SLOTS,
} from './intraday-series.ts';

const DAY_MINUTES = SLOTS * SLOT_MINUTES;

/** A Sunday: series day `i` of a series starting on weekday `w` is BASE + w + i. */
const BASE_SUNDAY = '2026-01-04';
const SCOPE = { dimension: 'org', value: null } as const;

/**
 * The same series and spikes as `scoreIntraday`, seen as per-call data: the functions the server's
 * refresh calls (src/app/analysis/fine-candidates.ts) with a 10-minute rhythm learnt from the history and
 * today's spend per minute, evaluated every `everyMinutes` minutes (1: as fast as records arrive; 5: the
 * default `alerts.evaluate` schedule).
 */
export function scoreIntradayPerCall(
  all: LabelledIntraday[],
  options: AnalysisOptions = ANALYSIS_DEFAULTS,
  everyMinutes = 1,
): IntradayScore {
  const s: IntradayScore = {
    series: all.length,
    testDays: 0,
    spikes: 0,
    found: 0,
    falseAlerts: 0,
    shares: [],
    delays: [],
  };
  all.forEach((series, i) => {
    const r = createRandom(streamSeed('intraday-minutes', i));
    for (let d = HISTORY_DAYS; d < INTRADAY_DAYS; d++) {
      s.testDays++;
      const minutes = minuteSpend(series, d, r);
      const check = (from: number) => firstFlag(series, d, minutes, options, everyMinutes, from);
      const flag = check(1);
      const spike = series.spikes.find((p) => p.day === d);
      if (!spike) {
        if (flag !== null) s.falseAlerts++;
        continue;
      }
      s.spikes++;
      const start = spike.start * SLOT_MINUTES;
      if (flag !== null && flag <= start) s.falseAlerts++;
      const after = flag !== null && flag > start ? flag : check(start + 1);
      if (after === null) continue;
      s.found++;
      s.delays.push(after - start);
      const perMinute = spike.perSlot / SLOT_MINUTES;
      s.shares.push(
        (Math.min(after - start, spike.length * SLOT_MINUTES) * perMinute) / series.expectedDay[d]!,
      );
    }
  });
  return s;
}

/** The first evaluation (minutes seen) at which the server's per-minute check flags day `d`, from minute `from` on. */
function firstFlag(
  series: LabelledIntraday,
  d: number,
  minutes: Float64Array,
  options: AnalysisOptions,
  everyMinutes: number,
  from: number,
): number | null {
  const first = addDays(BASE_SUNDAY, series.firstWeekday);
  const today = addDays(first, d);
  const fetchFrom = addDays(first, d - HISTORY_DAYS);
  const days = series.slots.slice(d - HISTORY_DAYS, d);
  const plan: RefreshPlan = {
    org: 'bench',
    tz: 'UTC',
    now: dayStart(today, 'UTC'),
    today,
    evaluateFrom: today,
    fetchFrom,
    options,
  };
  const slotDays = days.map((slots, k) => ({ day: addDays(fetchFrom, k), slots }));
  const basis = fineBasis(
    days.map((slots) => Math.round(sum(slots) * 1e6)),
    slotDays,
    plan,
  );
  if (!basis) return null;
  const midnight = plan.now.getTime();
  let spent = 0;
  for (let m = 0; m < from - 1; m++) spent += minutes[m]!;
  for (let minute = from; minute <= DAY_MINUTES; minute++) {
    spent += minutes[minute - 1]!;
    if (minute % everyMinutes !== 0) continue;
    const now = new Date(midnight + minute * 60_000);
    const seen = minutes.subarray(0, minute);
    if (fineIntradayCandidate(SCOPE, basis, seen, Math.round(spent * 1e6), { ...plan, now })) return minute;
  }
  return null;
}
