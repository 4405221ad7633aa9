import { type Day, localDay } from '../../analyze/calendar.ts';
import { decimalToScaled, formatMicros } from '../../domain/money.ts';
import { type PeriodBounds, periodBounds, zonedIso } from './period.ts';
import type { BudgetState, BudgetStatusView, BudgetView } from './view.ts';

/**
 * Where the end-of-period projection comes from. Month budgets take the month-end forecast (analysis's
 * rhythm, level and trend, with its P10–P90 band and overrun day); day and week budgets a run-rate.
 */
export type Projection =
  | {
      method: 'forecast';
      p10: bigint;
      p50: bigint;
      p90: bigint;
      overrunDate: Day | null;
      /** Whole past months of the scope's history the forecast learnt from (absent: none). */
      historyMonths?: number;
    }
  | { method: 'run-rate'; trailingMicros: bigint };

/**
 * The share of a period that must be gone before a projection alone says "projected to exceed", unless
 * history stands behind it: a day of a week, about 3½ hours of a day, 4⅓ days of a month.
 */
const MIN_ELAPSED_SHARE = 1 / 7;

/** What a budget is judged on. Money is micro-units of the budget's currency. */
export interface BudgetInputs {
  tz: string;
  /** Spend on each local day of the period so far. */
  days: readonly { day: Day; micros: bigint }[];
  projection: Projection;
}

type Definition = Pick<BudgetView, 'period' | 'amount' | 'thresholds'>;

/** A budget's status at `now`: spent, percent, projected spend, state and the thresholds crossed. */
export function evaluate(budget: Definition, inputs: BudgetInputs, now: Date): BudgetStatusView {
  const bounds = periodBounds(budget.period, now, inputs.tz);
  const amount = amountMicros(budget.amount);
  const spent = inputs.days.reduce((sum, d) => sum + d.micros, 0n);
  const p = project(inputs.projection, { spent, amount, bounds, now, tz: inputs.tz });
  const overrunDate =
    spent >= amount ? crossingDay(inputs.days, amount, localDay(now, inputs.tz)) : p.overrunDate;
  const crossed = budget.thresholds.filter((t) => spent * 100n >= BigInt(t) * amount);
  const overrun =
    overrunDate !== null && overrunDate < bounds.endDay && trusted(inputs.projection, spent, bounds, now);
  return {
    periodStart: zonedIso(bounds.start, inputs.tz),
    periodEnd: zonedIso(bounds.end, inputs.tz),
    spent: formatMicros(spent),
    percent: amount > 0n ? Number((spent * 2000n + amount) / (2n * amount)) / 10 : 0,
    projected: formatMicros(p.p50),
    projectedLow: p.p10 === null ? null : formatMicros(p.p10),
    projectedHigh: p.p90 === null ? null : formatMicros(p.p90),
    projectedOverrunDate: overrunDate !== null && overrunDate < bounds.endDay ? overrunDate : null,
    state: stateOf(spent, amount, crossed, overrun),
    crossed,
  };
}

/** A budget amount ("500", "99.50") in micro-units. */
export function amountMicros(amount: string): bigint {
  return decimalToScaled(amount, 6) ?? 0n;
}

/**
 * Exceeded once spent reaches the amount; projected to exceed while the projection crosses it before the
 * period ends; warning once any threshold is crossed; else ok.
 */
function stateOf(spent: bigint, amount: bigint, crossed: number[], overrun: boolean): BudgetState {
  if (spent >= amount) return 'exceeded';
  if (overrun) return 'projected_to_exceed';
  return crossed.length > 0 ? 'warning' : 'ok';
}

/**
 * Whether a projection has enough behind it to call the budget projected to exceed. why: two hours
 * into a week with nothing spent, last week's pace alone projected an overrun and alerted. It needs
 * spend in this period, and either a seventh of the period gone or a month forecast that learnt from
 * at least one whole past month. The projected numbers are shown either way; only the state waits.
 */
function trusted(projection: Projection, spent: bigint, bounds: PeriodBounds, now: Date): boolean {
  if (spent <= 0n) return false;
  const length = bounds.end.getTime() - bounds.start.getTime();
  if (now.getTime() - bounds.start.getTime() >= length * MIN_ELAPSED_SHARE) return true;
  return projection.method === 'forecast' && (projection.historyMonths ?? 0) >= 1;
}

interface Projected {
  p10: bigint | null;
  p50: bigint;
  p90: bigint | null;
  overrunDate: Day | null;
}

interface Context {
  spent: bigint;
  amount: bigint;
  bounds: PeriodBounds;
  now: Date;
  tz: string;
}

function project(projection: Projection, c: Context): Projected {
  switch (projection.method) {
    case 'forecast': {
      const crosses = projection.p50 >= c.amount;
      return {
        p10: projection.p10,
        p50: projection.p50,
        p90: projection.p90,
        overrunDate: crosses ? (projection.overrunDate ?? interpolate(projection.p50, c)) : null,
      };
    }
    case 'run-rate':
      return runRate(projection.trailingMicros, c);
    default:
      return projection satisfies never;
  }
}

/**
 * Day and week budgets: spent so far plus the time left at the pace of the trailing period length (the
 * last 24 hours for a day, the last 7 days for a week). why: the pace of the elapsed part alone swings
 * wildly early in a period (one call at 00:30 would project 48 of them); the trailing window starts from
 * the last period's pace and follows the current one as it takes over the window. No band: the run-rate
 * has no spread of its own to offer.
 */
function runRate(trailing: bigint, c: Context): Projected {
  const length = BigInt(c.bounds.end.getTime() - c.bounds.start.getTime());
  const left = BigInt(Math.max(0, c.bounds.end.getTime() - c.now.getTime()));
  const rest = trailing > 0n ? (trailing * left) / length : 0n;
  const p50 = c.spent + rest;
  if (p50 < c.amount || trailing <= 0n) return { p10: null, p50, p90: null, overrunDate: null };
  const msToCross = ((c.amount - c.spent) * length + trailing - 1n) / trailing;
  return {
    p10: null,
    p50,
    p90: null,
    overrunDate: localDay(new Date(c.now.getTime() + Number(msToCross)), c.tz),
  };
}

/**
 * The day a projection without a daily path (a forecast still learning) reaches the amount: spend taken
 * to grow evenly from now to the projected end.
 */
function interpolate(p50: bigint, c: Context): Day {
  const left = BigInt(Math.max(0, c.bounds.end.getTime() - c.now.getTime()));
  const grows = p50 - c.spent;
  const ms = grows > 0n ? ((c.amount - c.spent) * left + grows - 1n) / grows : 0n;
  return localDay(new Date(c.now.getTime() + Number(ms)), c.tz);
}

/** The local day the period's spend reached `amount` (today when the days do not say). */
function crossingDay(days: BudgetInputs['days'], amount: bigint, today: Day): Day {
  let sum = 0n;
  for (const d of [...days].sort((a, b) => (a.day < b.day ? -1 : 1))) {
    sum += d.micros;
    if (sum >= amount) return d.day;
  }
  return today;
}
