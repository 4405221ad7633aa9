import type { z } from 'zod';
import type { ReportList } from '../../../../src/domain/api/operations.ts';
import { boundaryDay, dayBefore, formatDay, formatLongDay } from '../../lib/days.ts';

/**
 * The JSON of `/api/v1/reports` (the archived content of src/act/reports/content.ts). Money is an exact
 * decimal string in `currency`; shares and percents are display statistics.
 */

export {
  type CompareLine,
  type DailyReport,
  REPORT_DIMENSIONS,
  type Report,
  type ReportBudget,
  type ReportDimension,
  type ReportLine,
  type WeeklyReport,
} from '../../../../src/domain/report.ts';

/** The archive's list, as the contract (src/domain/api) describes it. */
export type ReportsResponse = z.infer<typeof ReportList>;
/** A report in the archive's list. */
export type ReportSummary = ReportsResponse['reports'][number];

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
