import type { CountJson } from './count.ts';

/** A calendar day, YYYY-MM-DD. */
type Day = string;

/**
 * The archived shape of reports: plain JSON, stored as a report's `content` and answered by the API.
 * Money is an exact decimal string in the reporting currency (`currency`); shares and percents are
 * display statistics rounded to one decimal.
 */

/** The dimensions whose top values a report lists. */
export const REPORT_DIMENSIONS = ['team', 'project', 'user', 'model'] as const;
export type ReportDimension = (typeof REPORT_DIMENSIONS)[number];

/** One value of a dimension in a period. */
export interface ReportLine {
  value: string | null;
  cost: string;
  /** Percent of the period's total. */
  share: number;
  requests: CountJson;
  outputTokens: CountJson;
  /** Cost of one output token in the reporting currency, an exact decimal to 12 places; null without output tokens. */
  costPerOutputToken: string | null;
}

/** One value of a dimension, this week against the week before. */
export interface CompareLine {
  dimension: ReportDimension;
  value: string | null;
  cost: string;
  previous: string;
  change: string;
  /** Null when the week before spent nothing. */
  changePercent: number | null;
  share: number;
}

export interface ReportAnomaly {
  id: string;
  kind: string;
  scope: { dimension: string; value: string | null };
  periodStart: string;
  periodEnd: string;
  severity: string;
  currency: string;
  actual: string;
  expected: string;
  description: string;
}

/** A budget's status when the report was made, in the budget's own currency. */
export interface ReportBudget {
  id: string;
  name: string;
  scope: { dimension: string; value?: string };
  period: string;
  amount: string;
  currency: string;
  spent: string;
  percent: number;
  projected: string;
  state: string;
  projectedOverrunDate: string | null;
  periodEnd: string;
}

export interface ReportBase {
  id: string;
  org: string;
  currency: string;
  timezone: string;
  periodStart: string;
  periodEnd: string;
  generatedAt: string;
  total: string;
  /** Daily: against the day-of-week baseline; weekly: against the week before. */
  changePercent: number | null;
  requests: CountJson;
  outputTokens: CountJson;
  /** Requests of unknown models, whose cost is not in `total`. */
  unpricedRequests: CountJson;
  /** Cost of one output token, an exact decimal to 12 places; null without output tokens. */
  costPerOutputToken: string | null;
  anomalies: ReportAnomaly[];
  budgets: ReportBudget[];
  warnings: string[];
}

/** Yesterday's summary. */
export interface DailyReport extends ReportBase {
  kind: 'daily';
  day: Day;
  /** The day-of-week baseline's expected spend and its band; null while the ledger is still learning. */
  baseline: { expected: string; lower: string; upper: string } | null;
  /** The same weekday a week before. */
  lastWeek: { day: Day; total: string; changePercent: number | null };
  /** Top five of each dimension, each with its cost per output token. */
  top: Record<ReportDimension, ReportLine[]>;
}

/** The previous ISO week, archived as `report-YYYY-Www`. */
export interface WeeklyReport extends ReportBase {
  kind: 'weekly';
  week: string;
  previousPeriodStart: string;
  previousTotal: string;
  change: string;
  days: { day: Day; total: string }[];
  /** Per dimension, the values that spent most this week (or the week before), with the change. */
  top: Record<ReportDimension, CompareLine[]>;
  /** The biggest changes in money across all dimensions. */
  movers: CompareLine[];
}

export type Report = DailyReport | WeeklyReport;
