import { dailyBaseline } from '../../src/analyze/baseline.ts';
import { checkIntraday } from '../../src/analyze/intraday.ts';
import { ANALYSIS_DEFAULTS, type AnalysisOptions } from '../../src/analyze/options.ts';
import { hourlyProfile } from '../../src/analyze/profile.ts';
import { sum } from '../../src/analyze/stats.ts';
import { HISTORY_DAYS, INTRADAY_DAYS, type LabelledIntraday, SLOTS } from './intraday-series.ts';

export interface IntradayScore {
  series: number;
  testDays: number;
  spikes: number;
  found: number;
  /** Flags on days without a spike, or before the spike began. */
  falseAlerts: number;
  /** Spike spend before the flag, as a share of the day's expected spend. */
  shares: number[];
  /** Minutes from the spike's start to the flag. */
  delays: number[];
}

const hourly = (slots: readonly number[], upTo = SLOTS) =>
  Array.from({ length: 24 }, (_, h) => sum(slots.slice(6 * h, Math.min(6 * h + 6, upTo))));

/** Polls the intraday check every 10 minutes of every test day, as a server polled each cycle would. */
export function scoreIntraday(
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
  for (const series of all) {
    for (let d = HISTORY_DAYS; d < INTRADAY_DAYS; d++) {
      s.testDays++;
      const flag = firstFlag(series, d, options);
      const spike = series.spikes.find((p) => p.day === d);
      if (!spike) {
        if (flag !== null) s.falseAlerts++;
        continue;
      }
      s.spikes++;
      if (flag !== null && flag <= spike.start) s.falseAlerts++;
      const after =
        flag !== null && flag > spike.start ? flag : firstFlag(series, d, options, spike.start + 1);
      if (after === null) continue;
      s.found++;
      s.delays.push((after - spike.start) * 10);
      s.shares.push((Math.min(after - spike.start, spike.length) * spike.perSlot) / series.expectedDay[d]!);
    }
  }
  return s;
}

/** The first 10-minute tick (slots seen) at which the check flags day `d`, from tick `from` on. */
function firstFlag(series: LabelledIntraday, d: number, options: AnalysisOptions, from = 1): number | null {
  const days = series.slots.slice(d - HISTORY_DAYS, d);
  const weekday = (series.firstWeekday + d) % 7;
  const history = days.map((slots, i) => ({
    weekday: (series.firstWeekday + d - HISTORY_DAYS + i) % 7,
    hours: hourly(slots),
  }));
  const baseline = dailyBaseline({ values: days.map(sum), firstWeekday: history[0]!.weekday }, options);
  if (baseline.state !== 'ready') return null;
  const profile = hourlyProfile(history, weekday);
  for (let tick = from; tick <= SLOTS; tick++) {
    const check = checkIntraday(
      {
        profile,
        expectedDay: baseline.expected,
        sigmaDay: baseline.sigma,
        today: hourly(series.slots[d]!, tick),
        elapsed: tick / 6,
      },
      options,
    );
    if (check.flagged) return tick;
  }
  return null;
}
