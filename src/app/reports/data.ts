import type { ReportBudget } from '../../act/reports/content.ts';
import { REPORT_DIMENSIONS } from '../../act/reports/content.ts';
import type { DailyInput } from '../../act/reports/daily.ts';
import type { ReportPeriod, WeeklyPeriod } from '../../act/reports/period.ts';
import type { WeeklyInput, WeekSpend } from '../../act/reports/weekly.ts';
import { addDays, type Day, dayStart, daysBetween, localDay } from '../../analyze/calendar.ts';
import { ANALYSIS_DEFAULTS } from '../../analyze/options.ts';
import { periodAnomalies } from '../analysis/anomalies.ts';
import { listBudgetViews } from '../budgets/status.ts';
import type { BudgetView } from '../budgets/view.ts';
import type { AppContext } from '../context.ts';
import { querySpend } from '../spend.ts';

interface Span {
  org: string;
  from: Date;
  to: Date;
}

/** A span's totals and every report dimension's values, in the reporting currency. */
async function readSpend(ctx: AppContext, span: Span): Promise<WeekSpend & { warnings: string[] }> {
  const results = await Promise.all(
    REPORT_DIMENSIONS.map(async (d) => ({ d, result: await querySpend(ctx, { ...span, groupBy: [d] }) })),
  );
  const breakdowns = { team: [], project: [], user: [], model: [] } as WeekSpend['breakdowns'];
  for (const { d, result } of results) {
    breakdowns[d] = result.rows.map((r) => ({ value: r.dims[d] ?? null, amounts: r }));
  }
  return {
    totals: results[0]!.result.totals,
    breakdowns,
    warnings: [...new Set(results.flatMap((r) => r.result.warnings))],
  };
}

/** Exact totals of the local days from `first` (inclusive) to `last` (exclusive), zeros included. */
async function readDays(ctx: AppContext, org: string, first: Day, last: Day): Promise<bigint[]> {
  const tz = ctx.config.timezone;
  const days: bigint[] = Array(daysBetween(first, last)).fill(0n);
  const result = await querySpend(ctx, {
    org,
    from: dayStart(first, tz),
    to: dayStart(last, tz),
    groupBy: [],
    bucket: 'day',
    tz,
  });
  for (const row of result.rows) {
    const i = daysBetween(first, localDay(row.bucket ?? dayStart(first, tz), tz));
    if (i >= 0 && i < days.length) days[i]! += row.costMicros;
  }
  return days;
}

/** A budget's status as a report lists it (as of the end of the report's period). */
function reportBudget(b: BudgetView, name = b.name, status = b.status): ReportBudget {
  return {
    id: b.id,
    name,
    scope: b.scope,
    period: b.period,
    amount: b.amount,
    currency: b.currency,
    spent: status.spent,
    percent: status.percent,
    projected: status.projected,
    state: status.state,
    projectedOverrunDate: status.projectedOverrunDate,
    periodEnd: status.periodEnd,
  };
}

/** How many values of a budget of every value a report names. */
const MEMBERS_LISTED = 10;

/**
 * A budget of every value lists the values that need attention (not ok), furthest along first, each
 * under its own name ("Per user: ana"); with none, one line for the value furthest along.
 */
function reportBudgets(b: BudgetView): ReportBudget[] {
  if (!b.members) return [reportBudget(b)];
  const notOk = b.members.filter((m) => m.status.state !== 'ok').slice(0, MEMBERS_LISTED);
  const listed = notOk.length > 0 ? notOk : b.members.slice(0, 1);
  return listed.map((m) => reportBudget(b, `${b.name}: ${m.value}`, m.status));
}

/**
 * The instant a report shows budgets at: the last moment of its period. why: a report run later (a
 * re-run, or one for a past week) must show the budgets as they stood in its period, not today's.
 */
function budgetsAsOf(period: { end: Date }, now: Date): Date {
  return new Date(Math.min(now.getTime(), period.end.getTime() - 1));
}

async function context(ctx: AppContext, span: Span, now: Date) {
  const [anomalies, budgets] = await Promise.all([
    periodAnomalies(ctx, span),
    listBudgetViews(ctx, span.org, budgetsAsOf({ end: span.to }, now)),
  ]);
  return {
    org: span.org,
    currency: ctx.config.currency,
    timezone: ctx.config.timezone,
    generatedAt: now,
    anomalies,
    budgets: budgets.flatMap(reportBudgets),
  };
}

/** What the daily summary of `period` needs: the day's spend, the weeks before it, anomalies, budgets. */
export async function readDailyInput(
  ctx: AppContext,
  org: string,
  period: ReportPeriod,
  now: Date,
): Promise<DailyInput> {
  const span = { org, from: period.start, to: period.end };
  const [spend, history, rest] = await Promise.all([
    readSpend(ctx, span),
    readDays(ctx, org, addDays(period.first, -ANALYSIS_DEFAULTS.profileDays), period.first),
    context(ctx, span, now),
  ]);
  return {
    ...rest,
    period,
    totals: spend.totals,
    breakdowns: spend.breakdowns,
    history,
    warnings: spend.warnings,
  };
}

/** What the weekly report of `period` needs: this week and the week before, the days, anomalies, budgets. */
export async function readWeeklyInput(
  ctx: AppContext,
  org: string,
  period: WeeklyPeriod,
  now: Date,
): Promise<WeeklyInput> {
  const span = { org, from: period.start, to: period.end };
  const [current, previous, days, rest] = await Promise.all([
    readSpend(ctx, span),
    readSpend(ctx, { org, from: period.previousStart, to: period.start }),
    readDays(ctx, org, period.first, addDays(period.first, 7)),
    context(ctx, span, now),
  ]);
  const warnings = [...new Set([...current.warnings, ...previous.warnings])];
  return { ...rest, period, current, previous, days, warnings };
}
