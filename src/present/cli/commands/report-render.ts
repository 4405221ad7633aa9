import type { Bucket } from '../../../domain/record.ts';
import { type Align, renderColumns } from '../columns.ts';
import { count, money, number } from '../words.ts';
import type { PeriodJson, SummaryReport, TableReport } from './report.ts';

/** Rows a table shows per dimension unless `--all`. */
export const TOP_ROWS = 10;

type Row = TableReport['rows'][number];

/** "Last 30 days: 8 Nov – 7 Dec 2026 (UTC, to 15:00)": what the figures below cover. */
export function periodHeading(p: PeriodJson): string {
  const first = dayText(p.firstDay, p.firstDay.slice(0, 4) !== p.lastDay.slice(0, 4));
  const days = p.firstDay === p.lastDay ? dayText(p.lastDay, true) : `${first} – ${dayText(p.lastDay, true)}`;
  const end = clock(p.to, p.tz);
  const zone = end === '00:00' ? p.tz : `${p.tz}, to ${end}`;
  // why: a custom period's label is its days again ("2026-11-02 to 2026-11-08: 2 Nov – 8 Nov 2026")
  return p.label && p.id !== 'custom' ? `${p.label}: ${days} (${zone})` : `${days} (${zone})`;
}

/** Plain `spendlens report`: the total once, the comparison, and the top spenders by team, model, user and project. */
export function renderSummary(r: SummaryReport, options: { all: boolean }): string {
  const m = (x: string) => money(x, r.currency);
  const requests = r.byModel.reduce((sum, l) => sum + Number(l.requests), 0);
  const change =
    r.changePercent === null
      ? 'nothing spent in the period before'
      : `${r.changePercent > 0 ? '+' : ''}${r.changePercent}% against ${m(r.previousCost)}`;
  const lines = [
    periodHeading(r.period),
    '',
    `  Total    ${m(r.totalCost)}  (${count(requests, 'request')})`,
    // why: an average "per day" over a few hours reads as a daily figure it is not.
    ...(r.days > 1
      ? [`  Per day  ${m(r.averageDailyCost)}  (average over ${count(roundDays(r.days), 'day')})`]
      : []),
    `  Change   ${change} (${spanText(r.previousFrom, r.previousTo, r.period.tz)})`,
  ];
  const sections = [
    ['Team', r.byTeam],
    ['Model', r.byModel],
    ['User', r.byUser],
    ['Project', r.byProject],
  ] as const;
  for (const [title, list] of sections) {
    if (list.length === 0) continue;
    const key = title.toLowerCase();
    const shown = options.all ? list : list.slice(0, TOP_ROWS);
    const rows = shown.map((l) => [
      String((l as Record<string, unknown>)[key] ?? '(none)'),
      m(l.cost),
      `${(l.share * 100).toFixed(1)}%`,
      number(l.requests),
    ]);
    lines.push('', renderColumns({ head: [title, 'Cost', 'Share', 'Requests'], align: ALIGN4, rows }));
    if (shown.length < list.length)
      lines.push(`… ${count(list.length - shown.length, `more ${key}`)}: --all`);
  }
  if (r.byModel.length === 0) lines.push('', 'No spend in this period.');
  return lines.join('\n');
}

const ALIGN4: Align[] = ['left', 'right', 'right', 'right'];

/**
 * `spendlens report --by/--group`: one line per row, the total once at the bottom. Unless `all`, the
 * top 10 values of the grouping by the period's cost are shown and the others folded into "other".
 */
export function renderTable(r: TableReport, options: { all: boolean }): string {
  const m = (x: string) => money(x, r.currency);
  const cache = Number(r.totals.cacheReadTokens) > 0 || Number(r.totals.cacheWriteTokens) > 0;
  const keys = r.groupBy.map(String);
  const { rows, hidden } =
    options.all || keys.length === 0 ? { rows: r.rows, hidden: 0 } : fold(r.rows, keys);
  const amounts = (x: Row) => [
    number(String(x.inputTokens)),
    number(String(x.outputTokens)),
    ...(cache ? [number(String(x.cacheReadTokens)), number(String(x.cacheWriteTokens))] : []),
    number(String(x.requests)),
    m(x.cost) + (Number(x.unpricedRequests) > 0 ? ' *' : ''),
  ];
  const lead = (r.bucket ? 1 : 0) + keys.length;
  const head = [
    ...(r.bucket ? [BUCKET_TITLE[r.bucket]] : []),
    ...keys.map(title),
    'Input',
    'Output',
    ...(cache ? ['Cache read', 'Cache write'] : []),
    'Requests',
    'Cost',
  ];
  const body = rows.map((x) => [
    ...(r.bucket ? [bucketLabel(String(x.bucket), r.bucket, r.tz)] : []),
    ...keys.map((k) => (x[k] === undefined ? `other (${x.folded})` : String(x[k] ?? '(none)'))),
    ...amounts(x),
  ]);
  const total = [...(lead ? ['Total', ...Array(lead - 1).fill('')] : []), ...amounts(r.totals)];
  const align = head.map((_, i): Align => (i < lead ? 'left' : 'right'));
  const out = [periodHeading(r.period), '', renderColumns({ head, align, rows: body, foot: [total] })];
  if (hidden > 0) out.push(`${count(hidden, 'more value')} folded into "other": --all to list them`);
  if (Number(r.totals.unpricedRequests) > 0)
    out.push(
      `* includes ${count(String(r.totals.unpricedRequests), 'unpriced request')} (unknown models), not counted in cost: see \`spendlens pricing\``,
    );
  if (r.rows.length === 0) out.push('No spend in this period.');
  return out.join('\n');
}

/** Keeps the rows of the top values by the period's cost; the rest of each bucket becomes one "other" row. */
function fold(rows: Row[], keys: string[]): { rows: Row[]; hidden: number } {
  const id = (x: Row) => JSON.stringify(keys.map((k) => x[k] ?? null));
  const totals = new Map<string, bigint>();
  for (const x of rows) totals.set(id(x), (totals.get(id(x)) ?? 0n) + micros(x.cost));
  if (totals.size <= TOP_ROWS) return { rows, hidden: 0 };
  const top = new Set(
    [...totals.entries()]
      .sort((a, b) => (b[1] > a[1] ? 1 : b[1] < a[1] ? -1 : a[0].localeCompare(b[0])))
      .slice(0, TOP_ROWS)
      .map(([k]) => k),
  );
  const out: Row[] = [];
  const others = new Map<string, { row: Row; values: Set<string> }>();
  for (const x of rows) {
    if (top.has(id(x))) {
      out.push(x);
      continue;
    }
    const bucket = String(x.bucket ?? '');
    const other = others.get(bucket) ?? { row: emptyRow(x.bucket), values: new Set<string>() };
    addInto(other.row, x);
    other.values.add(id(x));
    if (!others.has(bucket)) {
      others.set(bucket, other);
      out.push(other.row);
    }
  }
  for (const o of others.values()) o.row.folded = o.values.size;
  return { rows: out, hidden: totals.size - TOP_ROWS };
}

const AMOUNT_KEYS = [
  'inputTokens',
  'outputTokens',
  'cacheReadTokens',
  'cacheWriteTokens',
  'requests',
  'unpricedRequests',
] as const;

function emptyRow(bucket: unknown): Row {
  return { ...(bucket === undefined ? {} : { bucket }), cost: '0.000000', ...zeroAmounts() };
}

function zeroAmounts() {
  return Object.fromEntries(AMOUNT_KEYS.map((k) => [k, 0]));
}

function addInto(into: Row, x: Row): void {
  const sum = micros(into.cost) + micros(x.cost);
  const negative = sum < 0n;
  const digits = (negative ? -sum : sum).toString().padStart(7, '0');
  into.cost = `${negative ? '-' : ''}${digits.slice(0, -6)}.${digits.slice(-6)}`;
  for (const k of AMOUNT_KEYS) {
    const total = BigInt(String(into[k] ?? 0)) + BigInt(String(x[k] ?? 0));
    into[k] = Number.isSafeInteger(Number(total)) ? Number(total) : total.toString();
  }
}

const micros = (cost: string) => BigInt(cost.replace('.', ''));

function title(key: string): string {
  const t = key.startsWith('tag:') ? `Tag ${key.slice(4)}` : key.replace(/([A-Z])/g, ' $1').toLowerCase();
  return t.charAt(0).toUpperCase() + t.slice(1);
}

const BUCKET_TITLE: Record<Bucket, string> = { hour: 'Hour', day: 'Date', week: 'Week of', month: 'Month' };

function bucketLabel(iso: string, bucket: Bucket, tz: string): string {
  const date = localDate(iso, tz);
  if (bucket === 'month') return date.slice(0, 7);
  if (bucket === 'hour') return `${date} ${clock(iso, tz)}`;
  return date;
}

function localDate(iso: string, tz: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: tz,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(iso));
}

function clock(iso: string, tz: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: tz,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));
}

/** "8 Nov", or "8 Nov 2026" with the year. */
function dayText(day: string, year: boolean): string {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString('en-GB', {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'short',
    ...(year ? { year: 'numeric' } : {}),
  });
}

/** Instants `from`–`to` as the calendar days they cover in `tz`. */
function spanText(from: string, to: string, tz: string): string {
  const first = localDate(from, tz);
  const last = localDate(new Date(Math.max(Date.parse(from), Date.parse(to) - 1)).toISOString(), tz);
  if (first === last) return dayText(first, true);
  return `${dayText(first, first.slice(0, 4) !== last.slice(0, 4))} – ${dayText(last, true)}`;
}

/** Days with one decimal when partial: 29.6, 30. */
function roundDays(days: number): number {
  return Math.round(days * 10) / 10;
}
