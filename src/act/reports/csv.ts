import { stringify } from 'csv-stringify/sync';
import { type CsvCellKind, csvSafe } from '../../domain/csv.ts';
import type { DailyReport, Report, WeeklyReport } from './content.ts';
import { minus } from './display.ts';

/** The CSV's columns: every row is one figure of the report; money is exact, in `currency`. */
const CSV_COLUMNS = [
  'report',
  'section',
  'dimension',
  'value',
  'currency',
  'cost',
  'previous',
  'change',
  'change_percent',
  'share_percent',
  'requests',
  'output_tokens',
] as const;

// why: the first five columns carry names from the ledger (a team, a model, a tag value); the rest are figures.
const TEXT_COLUMNS = new Set<string>(['report', 'section', 'dimension', 'value', 'currency']);

type Row = Partial<Record<(typeof CSV_COLUMNS)[number], string | number | null>>;

function dailyRows(r: DailyReport): Row[] {
  const rows: Row[] = [
    {
      section: 'total',
      value: r.day,
      cost: r.total,
      previous: r.lastWeek.total,
      change: minus(r.total, r.lastWeek.total),
      change_percent: r.lastWeek.changePercent,
      share_percent: 100,
      requests: r.requests,
      output_tokens: r.outputTokens,
    },
  ];
  if (r.baseline) {
    rows.push({
      section: 'baseline',
      value: r.day,
      cost: r.baseline.expected,
      change: minus(r.total, r.baseline.expected),
      change_percent: r.changePercent,
    });
  }
  for (const [dimension, lines] of Object.entries(r.top)) {
    for (const l of lines) {
      rows.push({
        section: 'top',
        dimension,
        value: l.value,
        cost: l.cost,
        share_percent: l.share,
        requests: l.requests,
        output_tokens: l.outputTokens,
      });
    }
  }
  return rows;
}

function weeklyRows(r: WeeklyReport): Row[] {
  return [
    {
      section: 'total',
      value: r.week,
      cost: r.total,
      previous: r.previousTotal,
      change: r.change,
      change_percent: r.changePercent,
      share_percent: 100,
      requests: r.requests,
      output_tokens: r.outputTokens,
    },
    ...r.days.map((d) => ({ section: 'day', dimension: 'day', value: d.day, cost: d.total })),
    ...Object.values(r.top).flatMap((lines) =>
      lines.map((l) => ({
        section: 'top',
        dimension: l.dimension,
        value: l.value,
        cost: l.cost,
        previous: l.previous,
        change: l.change,
        change_percent: l.changePercent,
        share_percent: l.share,
      })),
    ),
  ];
}

/**
 * A report's figures as CSV with a header row: the totals, the days (weekly) and each dimension's lines.
 * Every cell is safe to open in a spreadsheet (src/domain/csv.ts).
 */
export function renderReportCsv(r: Report): string {
  const rows = r.kind === 'daily' ? dailyRows(r) : weeklyRows(r);
  const safe = (row: Row): Record<string, string> =>
    Object.fromEntries(
      Object.entries({ ...row, report: r.id, currency: r.currency }).map(([column, value]) => {
        const kind: CsvCellKind = TEXT_COLUMNS.has(column) ? 'text' : 'number';
        return [column, value === null || value === undefined ? '' : csvSafe(String(value), kind)];
      }),
    );
  return stringify(rows.map(safe), { header: true, columns: [...CSV_COLUMNS] });
}
