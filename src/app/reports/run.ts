import type { Report } from '../../act/reports/content.ts';
import { buildDailyReport } from '../../act/reports/daily.ts';
import { reportEvent } from '../../act/reports/event.ts';
import {
  dailyPeriod,
  dayOfPreviousWeek,
  type ReportPeriod,
  weeklyPeriod,
  yesterday,
} from '../../act/reports/period.ts';
import { buildWeeklyReport } from '../../act/reports/weekly.ts';
import type { Day } from '../../analyze/calendar.ts';
import { AppError } from '../../domain/errors.ts';
import { DAY_MS } from '../../lib/time.ts';
import { raiseAlert } from '../alerts/raise.ts';
import type { AppContext } from '../context.ts';
import { reportContent, storedContent } from './archive.ts';
import { readDailyInput, readWeeklyInput } from './data.ts';

export const REPORT_KINDS = ['daily', 'weekly'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export interface ReportRun {
  report: Report;
  /** False when the period was already archived: the archive is read-only and was left as it was. */
  created: boolean;
  /** False when the report had already been sent, or is a past one not asked to be sent. */
  sent: boolean;
  /** Of a period before the latest one over. */
  past: boolean;
}

export interface ReportRunInput {
  kind: ReportKind;
  now: Date;
  /** The day (daily) or a day of the ISO week (weekly); default: yesterday or the previous week. */
  date?: Day;
  org?: string;
  /** Send a past report too (one of an earlier period than the latest over); the latest is always sent. */
  send?: boolean;
}

/**
 * Archives the report of a period and sends it to the channels. `date` picks the day (daily) or a
 * day of the ISO week (weekly); without it, yesterday or the previous week as of `now`. A period
 * already archived is not built again, only sent if it never was (the alert is deduplicated by id).
 * A past report (of a period before the latest one over) shows budgets as they stood then and is
 * archived without being sent, unless `send` asks for it: people get last week's news, not news of
 * November in December.
 */
export async function runReport(ctx: AppContext, input: ReportRunInput): Promise<ReportRun> {
  const org = input.org ?? ctx.config.org;
  if (input.date !== undefined) checkDate(input.date);
  const { period, build } = plan(ctx, org, input);
  const latest = plan(ctx, org, { kind: input.kind, now: input.now }).period;
  if (period.end > input.now) {
    throw new AppError(
      'bad_request',
      `${period.id} is not over yet: a report covers a period that has ended`,
    );
  }
  const existing = await ctx.alerting.getReport(org, period.id);
  let report = existing ? reportContent(existing) : await build();
  let created = false;
  if (!existing) {
    created = await ctx.alerting.insertReport({
      org,
      id: report.id,
      kind: report.kind,
      periodStart: period.start,
      periodEnd: period.end,
      createdAt: input.now,
      content: storedContent(report),
    });
    // why: another instance (or a concurrent run) archived it first; the archive wins.
    const row = created ? null : await ctx.alerting.getReport(org, period.id);
    if (row) report = reportContent(row);
  }
  const past = period.id !== latest.id;
  if (past && input.send !== true) return { report, created, sent: false, past };
  const alert = await raiseAlert(ctx, reportEvent(report), { org });
  return { report, created, sent: alert !== null, past };
}

/** The period a run covers and how to build its report. */
function plan(
  ctx: AppContext,
  org: string,
  input: { kind: ReportKind; now: Date; date?: Day },
): { period: ReportPeriod; build: () => Promise<Report> } {
  const tz = ctx.config.timezone;
  if (input.kind === 'daily') {
    const period = dailyPeriod(input.date ?? yesterday(input.now, tz), tz);
    return { period, build: async () => buildDailyReport(await readDailyInput(ctx, org, period, input.now)) };
  }
  const period = weeklyPeriod(input.date ?? dayOfPreviousWeek(input.now, tz), tz);
  return { period, build: async () => buildWeeklyReport(await readWeeklyInput(ctx, org, period, input.now)) };
}

function checkDate(date: string): void {
  if (/^\d{4}-\d{2}-\d{2}$/.test(date) && new Date(`${date}T00:00:00Z`).toISOString().startsWith(date))
    return;
  const errors = [{ path: 'date', message: 'must be a day as YYYY-MM-DD' }];
  throw new AppError('validation_failed', `date: "${date}" must be a day as YYYY-MM-DD`, { errors });
}

/** The scheduled daily summary: yesterday in the reporting zone, archived and sent. */
export function runDailySummary(ctx: AppContext, now: Date, org?: string): Promise<ReportRun> {
  return runReport(ctx, { kind: 'daily', now, ...(org ? { org } : {}) });
}

/** The scheduled weekly report of the previous ISO week, then retention: archives older than reports.retentionDays go. */
export async function runWeeklyReport(ctx: AppContext, now: Date, org?: string): Promise<ReportRun> {
  const run = await runReport(ctx, { kind: 'weekly', now, ...(org ? { org } : {}) });
  await applyRetention(ctx, org ?? ctx.config.org, now);
  return run;
}

/** Deletes the org's archived reports made more than reports.retentionDays before `now`; returns how many. */
function applyRetention(ctx: AppContext, org: string, now: Date): Promise<number> {
  const before = new Date(now.getTime() - ctx.config.reports.retentionDays * DAY_MS);
  return ctx.alerting.deleteReportsBefore(org, before);
}
