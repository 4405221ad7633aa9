import { dailyBaseline } from '../../src/analyze/baseline.ts';
import { checkIntradayFine, slotProfile } from '../../src/analyze/intraday-fine.ts';
import { ANALYSIS_DEFAULTS, type AnalysisOptions } from '../../src/analyze/options.ts';
import { sum } from '../../src/analyze/stats.ts';
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

/**
 * The same series and spikes as `scoreIntraday`, seen as per-call data: a 10-minute rhythm learnt from
 * the history, today's spend per minute, checked every minute (as a server does when records are pushed).
 */
export function scoreIntradayPerCall(
  all: LabelledIntraday[],
  options: AnalysisOptions = ANALYSIS_DEFAULTS,
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
      const flag = firstFlag(series, d, minutes, options);
      const spike = series.spikes.find((p) => p.day === d);
      if (!spike) {
        if (flag !== null) s.falseAlerts++;
        continue;
      }
      s.spikes++;
      const start = spike.start * SLOT_MINUTES;
      if (flag !== null && flag <= start) s.falseAlerts++;
      const after = flag !== null && flag > start ? flag : firstFlag(series, d, minutes, options, start + 1);
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

/** The first minute (minutes seen) at which the check flags day `d`, from minute `from` on. */
function firstFlag(
  series: LabelledIntraday,
  d: number,
  minutes: Float64Array,
  options: AnalysisOptions,
  from = 1,
): number | null {
  const days = series.slots.slice(d - HISTORY_DAYS, d);
  const history = days.map((slots, i) => ({
    weekday: (series.firstWeekday + d - HISTORY_DAYS + i) % 7,
    slots,
  }));
  const baseline = dailyBaseline({ values: days.map(sum), firstWeekday: history[0]!.weekday }, options);
  if (baseline.state !== 'ready') return null;
  const profile = slotProfile(history, (series.firstWeekday + d) % 7);
  for (let minute = from; minute <= DAY_MINUTES; minute++) {
    const check = checkIntradayFine(
      {
        profile,
        expectedDay: baseline.expected,
        sigmaDay: baseline.sigma,
        minutes: minutes.subarray(0, minute),
      },
      options,
    );
    if (check.flagged) return minute;
  }
  return null;
}
