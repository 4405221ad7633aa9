import Table from 'cli-table3';
import type { Report } from '../../../act/reports/content.ts';
import { renderReportCsv } from '../../../act/reports/csv.ts';
import { moneyDisplay, percentDisplay } from '../../../act/reports/display.ts';
import { renderReportHtml } from '../../../act/reports/html.ts';
import { reportMessage } from '../../../act/reports/message.ts';
import { findReport, listReportListings, type ReportListing } from '../../../app/reports/archive.ts';
import { REPORT_KINDS, type ReportKind, runReport } from '../../../app/reports/run.ts';
import { AppError } from '../../../domain/errors.ts';
import { callRemote, type Remote } from '../remote.ts';
import type { Target } from '../target.ts';

/** Calls the server and turns an error answer (including a 400, which callRemote passes on) into an AppError. */
async function call(remote: Remote, method: string, path: string, body?: unknown): Promise<unknown> {
  const json = (await callRemote(remote, method, path, body)) as {
    error?: { code?: string; message?: string };
  };
  if (json.error) throw new AppError('bad_request', json.error.message ?? `${path} failed`);
  return json;
}

function kindOf(kind: string | undefined): ReportKind | undefined {
  if (kind === undefined) return undefined;
  if ((REPORT_KINDS as readonly string[]).includes(kind)) return kind as ReportKind;
  throw new AppError('bad_request', `"${kind}" is not a kind of report: use ${REPORT_KINDS.join(' or ')}`);
}

/** The archived reports, newest period first, from the local store or a running server. */
export async function reportsList(
  target: Target,
  options: { kind?: string; limit?: number },
): Promise<ReportListing[]> {
  const kind = kindOf(options.kind);
  const limit = options.limit ?? 50;
  if ('remote' in target) {
    const params = new URLSearchParams({ limit: String(limit), ...(kind ? { kind } : {}) });
    return ((await call(target.remote, 'GET', `/api/v1/reports?${params}`)) as { reports: ReportListing[] })
      .reports;
  }
  return listReportListings(target.ctx, target.ctx.config.org, { kind, limit });
}

/** One archived report in full. */
export async function reportShow(target: Target, id: string): Promise<Report> {
  if ('remote' in target) {
    return (await call(target.remote, 'GET', `/api/v1/reports/${encodeURIComponent(id)}`)) as Report;
  }
  return findReport(target.ctx, target.ctx.config.org, id);
}

/**
 * Archives a report now (yesterday, or the previous week, unless `date` says which) and sends it when it
 * is the latest period's, or when `send` asks; `sent` says whether it went out (null: the server's).
 */
export async function reportsRun(
  target: Target,
  kind: string,
  date?: string,
  send?: boolean,
): Promise<{ report: Report; sent: boolean | null; past: boolean }> {
  const k = kindOf(kind) ?? 'daily';
  const body = { kind: k, ...(date ? { date } : {}), ...(send ? { send } : {}) };
  if ('remote' in target) {
    // why: the answer is the report itself (the API's contract); whether it went out is not in it.
    return {
      report: (await call(target.remote, 'POST', '/api/v1/reports/run', body)) as Report,
      sent: null,
      past: false,
    };
  }
  const { ctx } = target;
  const run = await runReport(ctx, { kind: k, date, send, now: ctx.now() });
  return { report: run.report, sent: run.sent, past: run.past };
}

/** Why a run sent nothing: a past report waits for --send; one sent before is not sent again. */
export function notSentNote(report: Report, past: boolean, asked: boolean | undefined): string {
  return !past || asked
    ? `${report.id} had been sent before: not sent again.\n`
    : `${report.id} is a past report: archived, not sent (add --send to send it to the channels).\n`;
}

/** The archive as a table. */
export function renderReportList(list: ReportListing[], color: boolean): string {
  if (list.length === 0)
    return 'No reports archived yet: the daily summary and the weekly report archive theirs when they run.';
  const table = new Table({
    head: ['Id', 'Kind', 'From', 'To', 'Total', 'Change'],
    style: { head: color ? ['cyan'] : [], border: color ? ['grey'] : [] },
    colAligns: ['left', 'left', 'left', 'left', 'right', 'right'],
  });
  for (const r of list) {
    table.push([
      r.id,
      r.kind,
      r.periodStart.slice(0, 16),
      r.periodEnd.slice(0, 16),
      moneyDisplay(r.total, r.currency),
      percentDisplay(r.changePercent),
    ]);
  }
  return table.toString();
}

/** A report in a few lines: its title, its sentences and its key figures. */
export function renderReportText(report: Report): string {
  const message = reportMessage(report);
  const width = Math.max(...message.facts.map((f) => f.label.length));
  return [
    message.title,
    '',
    message.text,
    '',
    ...message.facts.map((f) => `  ${f.label.padEnd(width)}  ${f.value}`),
    '',
    `${report.id}: --html or --csv for the full report`,
  ].join('\n');
}

/** What `reports show` prints: the full HTML page, the CSV, the JSON, or the summary in a few lines. */
export function renderShown(report: Report, as: { html?: boolean; csv?: boolean; json?: boolean }): string {
  if (as.html) return renderReportHtml(report);
  if (as.csv) return renderReportCsv(report);
  return as.json ? `${JSON.stringify(report, null, 2)}\n` : `${renderReportText(report)}\n`;
}
