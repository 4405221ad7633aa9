import type { z } from 'zod';
import type {
  CompareLine as CompareLineSchema,
  DailyReport as DailyReportSchema,
  ReportAnomaly as ReportAnomalySchema,
  ReportBudget as ReportBudgetSchema,
  ReportLine as ReportLineSchema,
  WeeklyReport as WeeklyReportSchema,
} from './api/reports.ts';

/**
 * The archived shape of reports: plain JSON, stored as a report's `content` and answered by the API.
 * Money is an exact decimal string in the reporting currency (`currency`); shares and percents are
 * display statistics rounded to one decimal.
 */

/** The dimensions whose top values a report lists. */
export const REPORT_DIMENSIONS = ['team', 'project', 'user', 'model'] as const;
export type ReportDimension = (typeof REPORT_DIMENSIONS)[number];

// The shapes are the API contract's (src/domain/api/reports.ts), written once as zod schemas.

/** One value of a dimension in a period. */
export type ReportLine = z.infer<typeof ReportLineSchema>;

/** One value of a dimension, this week against the week before. */
export type CompareLine = z.infer<typeof CompareLineSchema>;

export type ReportAnomaly = z.infer<typeof ReportAnomalySchema>;

/** A budget's status when the report was made, in the budget's own currency. */
export type ReportBudget = z.infer<typeof ReportBudgetSchema>;

/** Yesterday's summary. */
export type DailyReport = z.infer<typeof DailyReportSchema>;

/** The previous ISO week, archived as `report-YYYY-Www`. */
export type WeeklyReport = z.infer<typeof WeeklyReportSchema>;

export type Report = DailyReport | WeeklyReport;
