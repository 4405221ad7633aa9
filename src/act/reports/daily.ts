import { dailyBaseline } from '../../analyze/baseline.ts';
import { addDays, weekdayOf } from '../../analyze/calendar.ts';
import { ANALYSIS_DEFAULTS, type AnalysisOptions } from '../../analyze/options.ts';
import { countJson } from '../../domain/count.ts';
import { formatMicros } from '../../domain/money.ts';
import type { SpendAmounts, StoredAnomaly } from '../../store/types.ts';
import { type DailyReport, REPORT_DIMENSIONS, type ReportBudget, type ReportDimension } from './content.ts';
import { type Aggregate, changePercent, perOutputToken, reportAnomaly, topLines } from './lines.ts';
import type { ReportPeriod } from './period.ts';

/** How many values of each dimension the daily summary lists. */
const DAILY_TOP = 5;

/** What the daily summary is built from; the app layer reads it from the store. */
export interface DailyInput {
  org: string;
  currency: string;
  timezone: string;
  period: ReportPeriod;
  generatedAt: Date;
  totals: SpendAmounts;
  breakdowns: Record<ReportDimension, Aggregate[]>;
  /** Exact totals (micro-units) of the days before the day, oldest first, ending the day before. */
  history: bigint[];
  /** Anomalies overlapping the day. */
  anomalies: StoredAnomaly[];
  budgets: ReportBudget[];
  warnings: string[];
  options?: AnalysisOptions;
}

/**
 * Yesterday's summary: the day's total against its day-of-week baseline and the same weekday a week
 * before, the top five users, teams, projects and models, cost per output token, anomalies and budgets.
 */
export function buildDailyReport(input: DailyInput): DailyReport {
  const { period, totals } = input;
  const total = totals.costMicros;
  const baseline = dayBaseline(input);
  const lastWeek = input.history.length >= 7 ? input.history[input.history.length - 7]! : 0n;
  return {
    id: period.id,
    kind: 'daily',
    org: input.org,
    currency: input.currency,
    timezone: input.timezone,
    day: period.first,
    periodStart: period.start.toISOString(),
    periodEnd: period.end.toISOString(),
    generatedAt: input.generatedAt.toISOString(),
    total: formatMicros(total),
    changePercent: baseline ? percentAgainst(total, baseline.expected) : null,
    baseline: baseline && {
      expected: formatMicros(baseline.expected),
      lower: formatMicros(baseline.lower),
      upper: formatMicros(baseline.upper),
    },
    lastWeek: {
      day: addDays(period.first, -7),
      total: formatMicros(lastWeek),
      changePercent: changePercent(total, lastWeek),
    },
    requests: countJson(totals.requests),
    outputTokens: countJson(totals.outputTokens),
    unpricedRequests: countJson(totals.unpricedRequests),
    costPerOutputToken: perOutputToken(total, totals.outputTokens),
    top: Object.fromEntries(
      REPORT_DIMENSIONS.map((d) => [d, topLines(input.breakdowns[d], total, DAILY_TOP)]),
    ) as DailyReport['top'],
    anomalies: input.anomalies.map(reportAnomaly),
    budgets: input.budgets,
    warnings: input.warnings,
  };
}

/** The day-of-week baseline of the day from the days before it, in micro-units; null while learning. */
function dayBaseline(input: DailyInput): { expected: number; lower: number; upper: number } | null {
  const values = input.history.map((m) => Number(m) / 1e6);
  const b = dailyBaseline(
    { values, firstWeekday: weekdayOf(addDays(input.period.first, -values.length)) },
    input.options ?? ANALYSIS_DEFAULTS,
  );
  if (b.state !== 'ready') return null;
  const micros = (units: number) => Math.round(units * 1e6);
  return { expected: micros(b.expected), lower: micros(b.lower), upper: micros(b.upper) };
}

function percentAgainst(total: bigint, expected: number): number | null {
  return expected > 0 ? changePercent(total, BigInt(expected)) : null;
}
