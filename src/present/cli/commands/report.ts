import Table from 'cli-table3';
import type { AppContext } from '../../../app/context.ts';
import { querySpend } from '../../../app/spend.ts';
import { currencySymbol } from '../../../domain/currency.ts';
import { AppError } from '../../../domain/errors.ts';
import { BUCKETS, type Bucket, type GroupKey, parseGroupKey } from '../../../domain/record.ts';
import { DAY_MS, isTimeZone } from '../../../lib/time.ts';
import { amountsJson, spendLineJson } from '../../http/format.ts';
import { callRemote, type Remote } from '../remote.ts';

export interface ReportOptions {
  by?: string;
  group?: string;
  since?: string;
  until?: string;
  tz: string;
}

type Row = Record<string, unknown> & { cost: string };
export interface ReportData {
  currency: string;
  bucket: Bucket | null;
  groupBy: GroupKey[];
  tz: string;
  rows: Row[];
  totals: Row;
}

/** Reads `--since`/`--until` (YYYY-MM-DD or YYYYMMDD, inclusive days) into an instant range. */
export function reportRange(options: ReportOptions, now: Date): { from: Date; to: Date } {
  const day = (flag: string, text: string) => {
    const iso = /^\d{8}$/.test(text) ? `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6)}` : text;
    const date = new Date(`${iso}T00:00:00Z`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(iso) || Number.isNaN(date.getTime())) {
      throw new AppError('bad_request', `--${flag} ${text}: use a date such as 2026-11-01`);
    }
    return date;
  };
  const to = options.until
    ? new Date(day('until', options.until).getTime() + DAY_MS)
    : new Date(Math.ceil(now.getTime() / DAY_MS) * DAY_MS);
  const from = options.since ? day('since', options.since) : new Date(to.getTime() - 30 * DAY_MS);
  if (from >= to) throw new AppError('bad_request', '--since must be on or before --until');
  return { from, to };
}

/** Parses `--by` and `--group` into a bucket and group keys. */
export function reportShape(options: ReportOptions): { bucket: Bucket | null; groupBy: GroupKey[] } {
  const bucket = (options.by ?? null) as Bucket | null;
  if (bucket && !BUCKETS.includes(bucket))
    throw new AppError('bad_request', `--by ${bucket}: use day, week or month`);
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

/** Fetches the report's numbers from the local store or a running server, in the API's JSON shape. */
export async function reportData(
  target: { ctx: AppContext } | { remote: Remote },
  options: ReportOptions,
  now: Date,
): Promise<ReportData> {
  if (!isTimeZone(options.tz))
    throw new AppError('bad_request', `--tz ${options.tz}: use an IANA time zone such as Europe/Berlin`);
  const { from, to } = reportRange(options, now);
  const { bucket, groupBy } = reportShape(options);
  if ('ctx' in target) {
    const result = await querySpend(target.ctx, {
      org: target.ctx.config.org,
      from,
      to,
      groupBy,
      bucket: bucket ?? undefined,
      tz: options.tz,
    });
    return {
      currency: result.currency,
      bucket,
      groupBy,
      tz: options.tz,
      rows: result.rows.map(spendLineJson) as Row[],
      totals: amountsJson(result.totals),
    };
  }
  const params = new URLSearchParams({ from: from.toISOString(), to: to.toISOString(), tz: options.tz });
  if (bucket) params.set('bucket', bucket);
  if (groupBy.length) params.set('groupBy', groupBy.join(','));
  const json = (await callRemote(target.remote, 'GET', `/api/v1/spend?${params}`)) as {
    currency: string;
    rows: Row[];
    totals: Row;
  };
  return { currency: json.currency, bucket, groupBy, tz: options.tz, rows: json.rows, totals: json.totals };
}

/** Renders the report as a terminal table with a total row, like ccusage's daily report. */
export function renderReport(data: ReportData, options: { color: boolean }): string {
  const n = (x: unknown) => Number(x).toLocaleString('en-US');
  const money = (x: string) =>
    `${currencySymbol(data.currency)}${Number(x).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  const head = [
    ...(data.bucket ? [periodTitle(data.bucket)] : []),
    ...data.groupBy.map(title),
    'Input',
    'Output',
    'Cache Read',
    'Cache Write',
    'Requests',
    `Cost (${data.currency})`,
  ];
  const numeric = (r: Row) => [
    n(r.inputTokens),
    n(r.outputTokens),
    n(r.cacheReadTokens),
    n(r.cacheWriteTokens),
    n(r.requests),
    money(r.cost) + (Number(r.unpricedRequests) > 0 ? ' *' : ''),
  ];
  const table = new Table({
    head,
    style: { head: options.color ? ['cyan'] : [], border: options.color ? ['grey'] : [] },
    colAligns: head.map((_, i) => (i < head.length - 6 ? 'left' : 'right')),
  });
  for (const r of data.rows) {
    table.push([
      ...(data.bucket ? [periodLabel(String(r.bucket), data.bucket, data.tz)] : []),
      ...data.groupBy.map((g) => String(r[g] ?? '(none)')),
      ...numeric(r),
    ]);
  }
  const lead = (data.bucket ? 1 : 0) + data.groupBy.length;
  table.push([...(lead ? ['Total', ...Array(lead - 1).fill('')] : []), ...numeric(data.totals)]);
  const notes =
    Number(data.totals.unpricedRequests) > 0
      ? `\n* includes ${n(data.totals.unpricedRequests)} unpriced requests (unknown models), not counted in cost: see \`spendlens pricing\``
      : '';
  return table.toString() + notes;
}

function title(key: string): string {
  const t = key.startsWith('tag:') ? `Tag ${key.slice(4)}` : key.replace(/([A-Z])/g, ' $1');
  return t.charAt(0).toUpperCase() + t.slice(1);
}

function periodTitle(bucket: Bucket): string {
  return { hour: 'Hour', day: 'Date', week: 'Week of', month: 'Month' }[bucket];
}

function periodLabel(iso: string, bucket: Bucket, tz: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: tz,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  const date = `${get('year')}-${get('month')}-${get('day')}`;
  if (bucket === 'month') return date.slice(0, 7);
  if (bucket === 'hour') return `${date} ${get('hour')}:00`;
  return date;
}
