import { boundaryDay, dayBefore, formatDay, formatLongDay } from '../../lib/days.ts';

/**
 * The JSON of `/api/v1/reports` (the archived content of src/act/reports/content.ts). Money is an exact
 * decimal string in `currency`; shares and percents are display statistics.
 */

export const REPORT_DIMENSIONS = ['team', 'project', 'user', 'model'] as const;
export type ReportDimension = (typeof REPORT_DIMENSIONS)[number];

/** A report in the archive's list. */
export interface ReportSummary {
  id: string;
  kind: 'daily' | 'weekly';
  periodStart: string;
  periodEnd: string;
  createdAt: string;
  total: string;
  currency: string;
  changePercent: number | null;
}

export interface ReportsResponse {
  reports: ReportSummary[];
}

export interface ReportLine {
  value: string | null;
  cost: string;
  share: number;
  requests: number;
  outputTokens: number;
  costPerOutputToken: number | null;
}

export interface CompareLine {
  dimension: ReportDimension;
  value: string | null;
  cost: string;
  previous: string;
  change: string;
  changePercent: number | null;
  share: number;
}

export interface ReportBudget {
  id: string;
  name: string;
  amount: string;
  currency: string;
  spent: string;
  percent: number;
  state: string;
}

interface ReportBase {
  id: string;
  currency: string;
  timezone: string;
  periodStart: string;
  periodEnd: string;
  generatedAt: string;
  total: string;
  changePercent: number | null;
  requests: number;
  outputTokens: number;
  unpricedRequests: number;
  costPerOutputToken: number | null;
  anomalies: { id: string; severity: string; description: string }[];
  budgets: ReportBudget[];
  warnings: string[];
}

export interface DailyReport extends ReportBase {
  kind: 'daily';
  day: string;
  baseline: { expected: string; lower: string; upper: string } | null;
  lastWeek: { day: string; total: string; changePercent: number | null };
  top: Record<ReportDimension, ReportLine[]>;
}

export interface WeeklyReport extends ReportBase {
  kind: 'weekly';
  week: string;
  previousPeriodStart: string;
  previousTotal: string;
  change: string;
  days: { day: string; total: string }[];
  top: Record<ReportDimension, CompareLine[]>;
  movers: CompareLine[];
}

export type Report = DailyReport | WeeklyReport;

/** "Week 2026-W47 · 16–22 Nov" or "Sun 22 Nov 2026". */
export function reportTitle(r: ReportSummary): string {
  const first = boundaryDay(r.periodStart);
  if (r.kind === 'daily') return formatLongDay(first);
  const last = dayBefore(boundaryDay(r.periodEnd));
  return `Week ${r.id.replace(/^report-/, '')} · ${formatDay(first)}–${formatDay(last)}`;
}

/** "(none)" for a missing value, as elsewhere in the dashboard. */
export function lineValue(value: string | null): string {
  return value ?? '(none)';
}
