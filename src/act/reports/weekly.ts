import { addDays } from '../../analyze/calendar.ts';
import { countJson } from '../../domain/count.ts';
import { formatMicros } from '../../domain/money.ts';
import type { SpendAmounts, StoredAnomaly } from '../../store/types.ts';
import { REPORT_DIMENSIONS, type ReportBudget, type ReportDimension, type WeeklyReport } from './content.ts';
import {
  type Aggregate,
  biggestMovers,
  changePercent,
  compareLines,
  perOutputToken,
  reportAnomaly,
} from './lines.ts';
import type { WeeklyPeriod } from './period.ts';

/** How many values of each dimension, and how many movers, the weekly report lists. */
const WEEKLY_TOP = 10;
const WEEKLY_MOVERS = 5;

/** One week's spend: totals and every dimension's values. */
export interface WeekSpend {
  totals: SpendAmounts;
  breakdowns: Record<ReportDimension, Aggregate[]>;
}

/** What the weekly report is built from; the app layer reads it from the store. */
export interface WeeklyInput {
  org: string;
  currency: string;
  timezone: string;
  period: WeeklyPeriod;
  generatedAt: Date;
  current: WeekSpend;
  previous: WeekSpend;
  /** Exact totals (micro-units) of the week's seven days, Monday first. */
  days: bigint[];
  /** Anomalies overlapping the week. */
  anomalies: StoredAnomaly[];
  budgets: ReportBudget[];
  warnings: string[];
}

/**
 * The previous ISO week against the week before it: the totals and their change, the seven daily
 * totals, each dimension's top values with their change, the biggest movers, anomalies and budgets.
 */
export function buildWeeklyReport(input: WeeklyInput): WeeklyReport {
  const { period, current, previous } = input;
  const total = current.totals.costMicros;
  const before = previous.totals.costMicros;
  const compared = REPORT_DIMENSIONS.map(
    (d) => [d, compareLines(d, current.breakdowns[d], previous.breakdowns[d], total)] as const,
  );
  return {
    id: period.id,
    kind: 'weekly',
    org: input.org,
    currency: input.currency,
    timezone: input.timezone,
    week: period.week,
    periodStart: period.start.toISOString(),
    periodEnd: period.end.toISOString(),
    previousPeriodStart: period.previousStart.toISOString(),
    generatedAt: input.generatedAt.toISOString(),
    total: formatMicros(total),
    previousTotal: formatMicros(before),
    change: formatMicros(total - before),
    changePercent: changePercent(total, before),
    requests: countJson(current.totals.requests),
    outputTokens: countJson(current.totals.outputTokens),
    unpricedRequests: countJson(current.totals.unpricedRequests),
    costPerOutputToken: perOutputToken(total, current.totals.outputTokens),
    days: Array.from({ length: 7 }, (_, i) => ({
      day: addDays(period.first, i),
      total: formatMicros(input.days[i] ?? 0n),
    })),
    top: Object.fromEntries(
      compared.map(([d, lines]) => [d, lines.slice(0, WEEKLY_TOP).map((c) => c.line)]),
    ) as WeeklyReport['top'],
    movers: biggestMovers(
      compared.flatMap(([, lines]) => lines),
      WEEKLY_MOVERS,
    ),
    anomalies: input.anomalies.map(reportAnomaly),
    budgets: input.budgets,
    warnings: input.warnings,
  };
}
