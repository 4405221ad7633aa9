import type { AlertEvent } from '../alerts/event.ts';
import type { Report } from './content.ts';
import { renderReportHtml } from './html.ts';
import { reportMessage } from './message.ts';

/** A report as the alert that delivers it: once per report id, the full page for email. */
export function reportEvent(report: Report): AlertEvent {
  const message = reportMessage(report);
  return {
    kind: report.kind === 'daily' ? 'daily_summary' : 'weekly_report',
    dedupeKey: report.id,
    severity: 'info',
    scope: null,
    title: message.title,
    text: message.text,
    facts: message.facts,
    link: `/reports?id=${encodeURIComponent(report.id)}`,
    data: {
      reportId: report.id,
      periodStart: report.periodStart,
      periodEnd: report.periodEnd,
      total: report.total,
      currency: report.currency,
      changePercent: report.changePercent,
    },
    html: renderReportHtml(report),
  };
}
