import { type CsvCellKind, csvCell } from '../../../domain/csv.ts';
import type { ReportData, SummaryReport, TableReport } from './report.ts';

const AMOUNTS = ['inputTokens', 'outputTokens', 'cacheReadTokens', 'cacheWriteTokens', 'requests', 'cost'];

/** `spendlens report --csv`: every row (no top-10 cut), exact decimal costs, cells safe to open in a spreadsheet. */
export function reportCsv(r: ReportData): string {
  return r.kind === 'table' ? tableCsv(r) : summaryCsv(r);
}

function tableCsv(r: TableReport): string {
  const keys = [...(r.bucket ? ['bucket'] : []), ...r.groupBy.map(String)];
  const head = [...keys, ...AMOUNTS, 'currency'];
  const rows = r.rows.map((x) => [
    ...keys.map((k) => cell(x[k] ?? '', 'text')),
    ...AMOUNTS.map((k) => cell(x[k], 'number')),
    cell(r.currency, 'text'),
  ]);
  return lines(head, rows);
}

function summaryCsv(r: SummaryReport): string {
  const head = ['dimension', 'value', 'cost', 'share', 'requests', 'inputTokens', 'outputTokens', 'currency'];
  const sections = [
    ['team', r.byTeam],
    ['model', r.byModel],
    ['user', r.byUser],
    ['project', r.byProject],
  ] as const;
  const rows = sections.flatMap(([dimension, list]) =>
    list.map((l) => [
      cell(dimension, 'text'),
      cell((l as Record<string, unknown>)[dimension] ?? '', 'text'),
      ...[l.cost, l.share, l.requests, l.inputTokens, l.outputTokens].map((v) => cell(v, 'number')),
      cell(r.currency, 'text'),
    ]),
  );
  return lines(head, rows);
}

const cell = (value: unknown, kind: CsvCellKind) => csvCell(String(value), kind);

function lines(head: string[], rows: string[][]): string {
  return `${[head.join(','), ...rows.map((r) => r.join(','))].join('\n')}\n`;
}
