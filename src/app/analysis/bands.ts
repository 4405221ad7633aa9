import type { Scope } from '../../analyze/anomaly.ts';
import { addDays, type Day, daysBetween, localDay } from '../../analyze/calendar.ts';
import { baselineAt, isAnomalous } from '../../analyze/daily.ts';
import { ANALYSIS_DEFAULTS } from '../../analyze/options.ts';
import type { Visibility } from '../../store/types.ts';
import type { AppContext } from '../context.ts';
import { readDaily } from './series.ts';

/** One day of a scope: what it spent and the band its baseline drew, when there was one. */
export interface BandDay {
  day: Day;
  actual: number;
  expected: number | null;
  lower: number | null;
  upper: number | null;
  anomalous: boolean;
}

/**
 * A scope's daily spend from `from` to `to` (local days, exclusive; today included as far as it has
 * gone) beside its expected value and prediction interval: the data behind an "actual against the
 * expected band" chart, of usage as detection reads it (seats left out). The money floor is the plain
 * one, not raised for the org's size.
 */
export async function scopeBands(
  ctx: AppContext,
  input: { org: string; visibility?: Visibility; scope: Scope; from: Day; to: Day },
): Promise<{ currency: string; days: BandDay[] }> {
  const tz = ctx.config.timezone;
  const now = ctx.now();
  const last = [localDay(now, tz), addDays(input.to, -1)].sort()[0]!;
  const start = addDays(input.from, -ANALYSIS_DEFAULTS.profileDays);
  const dimensions =
    input.scope.dimension === 'org' ? undefined : { [input.scope.dimension]: [input.scope.value] };
  const filter = { dimensions, visibility: input.visibility };
  // why: the band is detection's view, usage only: a seat's fixed fee is no anomaly (see series.ts).
  const read = await readDaily(ctx, { org: input.org, tz, filter, usageOnly: true }, start, now);
  const values = (read.series.get(null) ?? []).map((m) => m / 1e6);
  const days: BandDay[] = [];
  for (let day = input.from; day <= last; day = addDays(day, 1)) {
    const i = daysBetween(start, day);
    const actual = values[i] ?? 0;
    const b = baselineAt({ start, values }, i, ANALYSIS_DEFAULTS);
    const ready = b.state === 'ready';
    days.push({
      day,
      actual,
      expected: ready ? b.expected : null,
      lower: ready ? b.lower : null,
      upper: ready ? b.upper : null,
      anomalous: ready && isAnomalous(actual, b, ANALYSIS_DEFAULTS),
    });
  }
  return { currency: read.currency, days };
}
