import { boundaryDay, formatDay } from '../../lib/days.ts';
import { subtractDecimals, toNumber } from '../../lib/decimal.ts';
import { formatMoney } from '../../lib/format.ts';
import type { Budget, BudgetPeriod } from './types.ts';

/** Where each part of a budget's bar sits, in percent of the bar's width. */
export interface BarGeometry {
  spent: number;
  projected: number;
  /** The projection's P10–P90 band, when the forecast has one. */
  band: { from: number; to: number } | null;
  /** The budget's amount (100%); past it the bar shows overspend. */
  amount: number;
  ticks: { threshold: number; at: number }[];
}

/**
 * The bar's scale reaches the largest of the amount, the spend and the projection, so an overrun still
 * fits; floats here only place pixels, never sum money.
 */
export function barGeometry(budget: Budget): BarGeometry {
  const s = budget.status;
  const amount = toNumber(budget.amount);
  const values = [amount, toNumber(s.spent), toNumber(s.projected)];
  if (s.projectedHigh !== null) values.push(toNumber(s.projectedHigh));
  const scale = Math.max(...values) || 1;
  const at = (v: number) => Math.min(100, Math.max(0, (100 * v) / scale));
  const spent = at(toNumber(s.spent));
  return {
    spent,
    projected: Math.max(spent, at(toNumber(s.projected))),
    band:
      s.projectedLow !== null && s.projectedHigh !== null
        ? { from: at(toNumber(s.projectedLow)), to: at(toNumber(s.projectedHigh)) }
        : null,
    amount: at(amount),
    ticks: budget.thresholds
      .map((threshold) => ({ threshold, at: at((amount * threshold) / 100) }))
      .filter((t) => t.threshold !== 100 && (amount * t.threshold) / 100 <= scale),
  };
}

/** "$500" for a whole amount, "$99.50" otherwise: the budget's round number reads as people set it. */
export function roundMoney(amount: string, currency: string): string {
  return formatMoney(amount, currency).replace(/[.,]00(?=\D*$)/, '');
}

const PERIOD_NOUN: Record<BudgetPeriod, string> = { day: 'day', week: 'week', month: 'month' };

/** What the pace means, in words: "At this pace, crosses $500 on 26 Nov." */
export function paceSentence(budget: Budget): string {
  const s = budget.status;
  const cur = budget.currency;
  if (s.state === 'exceeded') {
    return `Over by ${formatMoney(subtractDecimals(s.spent, budget.amount), cur)} this ${PERIOD_NOUN[budget.period]}.`;
  }
  if (s.projectedOverrunDate) {
    return `At this pace, crosses ${roundMoney(budget.amount, cur)} on ${formatDay(s.projectedOverrunDate)}.`;
  }
  return `At this pace, ends the ${PERIOD_NOUN[budget.period]} near ${formatMoney(s.projected, cur)}.`;
}

/** "Resets 1 Dec". */
export function resetWords(budget: Budget): string {
  return `Resets ${formatDay(boundaryDay(budget.status.periodEnd))}`;
}

/** The budgets closest to (or past) their amount first. */
export function byPercent(budgets: Budget[]): Budget[] {
  return [...budgets].sort((a, b) => b.status.percent - a.status.percent || a.name.localeCompare(b.name));
}
