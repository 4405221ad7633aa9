/** The archived shape of reports lives in the domain, where the dashboard reads it too. */
export {
  type CompareLine,
  type DailyReport,
  REPORT_DIMENSIONS,
  type Report,
  type ReportAnomaly,
  type ReportBudget,
  type ReportDimension,
  type ReportLine,
  type WeeklyReport,
} from '../../domain/report.ts';
