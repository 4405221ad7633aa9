import { createHash } from 'node:crypto';
import type { Scope } from '../../analyze/anomaly.ts';
import { localDay } from '../../analyze/calendar.ts';
import { describeDaily, describeIntraday } from '../../analyze/describe.ts';
import type { Driver } from '../../analyze/drivers.ts';
import { SEVERITIES, severityOf } from '../../analyze/severity.ts';
import { formatMicros } from '../../domain/money.ts';
import { DAY_MS } from '../../lib/time.ts';
import type { StoredAnomaly } from '../../store/types.ts';
import type { Candidate } from './candidates.ts';
import type { RefreshPlan } from './plan.ts';

/** Same org, kind, scope and start, same id: a refresh updates the anomaly instead of adding another. */
export function anomalyId(org: string, kind: string, scope: Scope, periodStart: Date): string {
  const key = [org, kind, scope.dimension, scope.value ?? '\u0000', periodStart.toISOString()].join('|');
  return `an_${createHash('sha256').update(key).digest('hex').slice(0, 20)}`;
}

const micros = (units: number) => Math.round(units * 1e6);

/**
 * A daily anomaly judged against fewer days of history than this is one severity step less severe: a
 * band read from under four weeks has under four samples of each weekday, so what it calls unusual is
 * less sure (on the 120-day detection suite, half the false medium+ alerts fell in the first four weeks).
 */
export const SURE_HISTORY_DAYS = 28;

/** An anomaly whose period ended this long before it was first found is old news: listed, never alerted. */
export const HISTORICAL_AFTER_MS = 2 * DAY_MS;

/**
 * Whether an anomaly first found at `now` is historical: found by examining history (a backfill, an
 * import, a first run over an existing ledger) long after its period ended. Yesterday's spike found this
 * morning is news; a spike of last month found by today's import is not.
 */
export function isHistorical(periodEnd: Date, now: Date): boolean {
  return now.getTime() - periodEnd.getTime() > HISTORICAL_AFTER_MS;
}

/** A candidate with its drivers as the anomaly to store: severity, words and status added. */
export function toStored(
  c: Candidate,
  drivers: Driver[],
  ctx: {
    plan: RefreshPlan;
    currency: string;
    orgDaily: number;
    mutedUntil: Date | null;
    historical: boolean;
  },
): StoredAnomaly {
  const actual = c.actualMicros / 1e6;
  const severityBase = c.window ?? { actual, expected: c.expected };
  const graded = severityOf({ ...severityBase, sigma: c.sigma, orgDaily: ctx.orgDaily });
  const unsure = c.historyDays !== undefined && c.historyDays < SURE_HISTORY_DAYS;
  const severity = unsure ? SEVERITIES[Math.max(0, SEVERITIES.indexOf(graded) - 1)]! : graded;
  const amounts = {
    actual,
    expected: c.expected,
    lower: c.lower,
    upper: c.upper,
    currency: ctx.currency,
    drivers,
  };
  const description =
    c.kind === 'intraday' && c.window
      ? describeIntraday({ ...amounts, scope: c.scope, clock: c.clock ?? '', window: c.window })
      : describeDaily({
          ...amounts,
          scope: c.scope,
          start: localDay(c.periodStart, ctx.plan.tz),
          end: localDay(c.periodEnd, ctx.plan.tz),
          becameNormal: c.becameNormal,
        });
  const muted = ctx.mutedUntil !== null && c.periodStart < ctx.mutedUntil;
  return {
    org: ctx.plan.org,
    id: anomalyId(ctx.plan.org, c.kind, c.scope, c.periodStart),
    kind: c.kind,
    scopeDimension: c.scope.dimension,
    scopeValue: c.scope.value,
    periodStart: c.periodStart,
    periodEnd: c.periodEnd,
    currency: ctx.currency,
    actualMicros: c.actualMicros,
    expectedMicros: micros(c.expected),
    lowerMicros: micros(c.lower),
    upperMicros: micros(c.upper),
    severity,
    sustained: c.becameNormal,
    drivers: drivers.map((d) => ({
      dimension: d.dimension,
      value: d.value,
      delta: formatMicros(micros(d.delta)),
      actual: formatMicros(micros(d.actual)),
      expected: formatMicros(micros(d.expected)),
    })),
    description,
    status: muted ? 'muted' : 'open',
    mutedUntil: muted ? ctx.mutedUntil : null,
    statusAt: muted ? ctx.plan.now : null,
    statusBy: muted ? 'mute' : null,
    createdAt: ctx.plan.now,
    updatedAt: ctx.plan.now,
    historical: ctx.historical,
  };
}
