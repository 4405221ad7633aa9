import type { AppContext } from '../../../app/context.ts';
import { querySpend } from '../../../app/spend.ts';
import { summarize } from '../../../app/summary.ts';
import { AppError } from '../../../domain/errors.ts';
import {
  DEFAULT_PERIOD,
  dayPeriod,
  PERIOD_IDS,
  type Period,
  parsePeriodId,
  resolvePeriod,
} from '../../../domain/periods.ts';
import { BUCKETS, type Bucket, type GroupKey, parseGroupKey } from '../../../domain/record.ts';
import { isTimeZone } from '../../../lib/time.ts';
import { amountsJson, spendLineJson } from '../../json/format.ts';
import { type SummaryJson, summaryJson } from '../../json/summary.ts';
import { callRemote, type Remote } from '../remote.ts';

export interface ReportOptions {
  period?: string;
  by?: string;
  group?: string;
  since?: string;
  until?: string;
  tz: string;
}

/** The period a report covers, as its JSON names it. */
export interface PeriodJson {
  id: Period['id'];
  label: string;
  tz: string;
  firstDay: string;
  lastDay: string;
  from: string;
  to: string;
}

type Row = Record<string, unknown> & { cost: string };

/** `spendlens report --by/--group`: spend rows of a period, every row (the table shows the top ones). */
export interface TableReport {
  kind: 'table';
  period: PeriodJson;
  currency: string;
  bucket: Bucket | null;
  groupBy: GroupKey[];
  tz: string;
  rows: Row[];
  totals: Row;
}

/** Plain `spendlens report`: the period's total, change and breakdowns, as `GET /api/v1/summary`. */
export type SummaryReport = { kind: 'summary' } & Omit<SummaryJson, 'period'> & {
    period: PeriodJson;
  };

export type ReportData = TableReport | SummaryReport;

/**
 * The period of `--period` (src/domain/periods.ts; default the last 30 days) or of `--since`/`--until`
 * (calendar days in the report's zone, both included; YYYY-MM-DD or YYYYMMDD).
 */
export function reportPeriod(options: ReportOptions, now: Date): Period {
  const tz = options.tz;
  if (options.since || options.until) {
    if (options.period) throw new AppError('bad_request', '--period or --since/--until, not both');
    const today = resolvePeriod('today', now, tz).firstDay;
    const until = options.until ? day('until', options.until) : today;
    const since = options.since ? day('since', options.since) : resolvePeriod('30d', now, tz).firstDay;
    if (since > until) throw new AppError('bad_request', '--since must be on or before --until');
    return dayPeriod(since, until, tz);
  }
  const id = options.period === undefined ? DEFAULT_PERIOD : parsePeriodId(options.period);
  if (!id) throw new AppError('bad_request', `--period ${options.period}: use ${PERIOD_IDS.join(', ')}`);
  return resolvePeriod(id, now, tz);
}

function day(flag: string, text: string): string {
  const iso = /^\d{8}$/.test(text) ? `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6)}` : text;
  const date = new Date(`${iso}T00:00:00Z`);
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(iso) ||
    Number.isNaN(date.getTime()) ||
    date.toISOString().slice(0, 10) !== iso
  )
    throw new AppError('bad_request', `--${flag} ${text}: use a date such as 2026-11-01`);
  return iso;
}

/** Parses `--by` and `--group` into a bucket and group keys. */
export function reportShape(options: ReportOptions): { bucket: Bucket | null; groupBy: GroupKey[] } {
  const bucket = (options.by ?? null) as Bucket | null;
  if (bucket && !BUCKETS.includes(bucket))
    throw new AppError('bad_request', `--by ${bucket}: use hour, day, week or month`);
  const groupBy = (options.group ?? '')
    .split(',')
    .filter(Boolean)
    .map((g) => {
      const key = parseGroupKey(g.trim());
      if (!key)
        throw new AppError(
          'bad_request',
          `--group ${g}: use provider, model, user, team, project, context, apiKey, source, costKind or tag:<key>`,
        );
      return key;
    });
  return { bucket, groupBy };
}

/** Fetches a report from the local store or a running server: the summary, or rows with `--by`/`--group`. */
export async function reportData(
  target: { ctx: AppContext } | { remote: Remote },
  options: ReportOptions,
  now: Date,
): Promise<ReportData> {
  if (!isTimeZone(options.tz))
    throw new AppError('bad_request', `--tz ${options.tz}: use an IANA time zone such as Europe/Berlin`);
  const period = reportPeriod(options, now);
  const shape = reportShape(options);
  return shape.bucket || shape.groupBy.length
    ? tableData(target, period, shape.bucket, shape.groupBy)
    : summaryData(target, period);
}

function periodJson(p: Period): PeriodJson {
  const { id, label, tz, firstDay, lastDay } = p;
  return { id, label, tz, firstDay, lastDay, from: p.from.toISOString(), to: p.to.toISOString() };
}

async function summaryData(
  target: { ctx: AppContext } | { remote: Remote },
  p: Period,
): Promise<SummaryReport> {
  let json: SummaryJson;
  if ('ctx' in target) {
    const { ctx } = target;
    json = summaryJson(await summarize(ctx, { org: ctx.config.org, from: p.from, to: p.to }, p.previous), p);
  } else {
    const params = new URLSearchParams({ from: p.from.toISOString(), to: p.to.toISOString(), tz: p.tz });
    const { anomalies: _a, ...rest } = (await callRemote(
      target.remote,
      'GET',
      `/api/v1/summary?${params}`,
    )) as SummaryJson & { anomalies?: unknown };
    json = rest;
  }
  return { kind: 'summary', ...json, period: periodJson(p) };
}

async function tableData(
  target: { ctx: AppContext } | { remote: Remote },
  p: Period,
  bucket: Bucket | null,
  groupBy: GroupKey[],
): Promise<TableReport> {
  const base = { kind: 'table' as const, period: periodJson(p), bucket, groupBy, tz: p.tz };
  if ('ctx' in target) {
    const { ctx } = target;
    const query = {
      org: ctx.config.org,
      from: p.from,
      to: p.to,
      groupBy,
      bucket: bucket ?? undefined,
      tz: p.tz,
    };
    const result = await querySpend(ctx, query);
    const rows = result.rows.map(spendLineJson) as Row[];
    return { ...base, currency: result.currency, rows: sortRows(rows), totals: amountsJson(result.totals) };
  }
  const params = new URLSearchParams({ from: p.from.toISOString(), to: p.to.toISOString(), tz: p.tz });
  if (bucket) params.set('bucket', bucket);
  if (groupBy.length) params.set('groupBy', groupBy.join(','));
  const json = (await callRemote(target.remote, 'GET', `/api/v1/spend?${params}`)) as {
    currency: string;
    rows: Row[];
    totals: Row;
  };
  return { ...base, currency: json.currency, rows: sortRows(json.rows), totals: json.totals };
}

/** Oldest bucket first; within a bucket, the largest cost first. */
function sortRows(rows: Row[]): Row[] {
  const micros = (r: Row) => BigInt(r.cost.replace('.', ''));
  return [...rows].sort((a, b) => {
    const byBucket = String(a.bucket ?? '').localeCompare(String(b.bucket ?? ''));
    if (byBucket) return byBucket;
    const d = micros(b) - micros(a);
    return d > 0n ? 1 : d < 0n ? -1 : 0;
  });
}
