import type { ReactNode } from 'react';
import { dimensionLabel } from '../../lib/dimensions.ts';
import { formatCompact, formatInt, formatShare } from '../../lib/format.ts';
import { Money } from '../../ui/Money.tsx';
import { seriesColor } from '../overview/palette.ts';
import type { PivotRow } from './pivot.ts';
import { formatRate } from './rate.ts';
import { Sparkline } from './Sparkline.tsx';

/** A column of the pivot: how it draws, how it sorts, and what it writes to the CSV export. */
export interface PivotColumn {
  id: string;
  header: string;
  /** The CSV heading, when it says more than the narrow table heading. */
  csvHeader?: string;
  /** A longer explanation of the heading, for its tooltip. */
  title?: string;
  numeric: boolean;
  /** The value sorted on; null sorts last. */
  sortValue: ((row: PivotRow) => number | string | null) | null;
  /** The exact value written to CSV; omitted columns (the sparkline) are not exported. */
  csv?: (row: PivotRow) => string | number | null;
  cell: (row: PivotRow) => ReactNode;
}

const count = (id: keyof PivotRow & string, header: string, compact = false): PivotColumn => ({
  id,
  header,
  csvHeader: compact ? `${header} tokens` : header,
  title: compact ? `${header} tokens` : undefined,
  numeric: true,
  sortValue: (r) => r[id] as number,
  csv: (r) => r[id] as number,
  cell: (r) => (
    <span title={formatInt(r[id] as number)}>{(compact ? formatCompact : formatInt)(r[id] as number)}</span>
  ),
});

/**
 * The pivot's columns for one or two dimensions, in the reporting currency. Each value wears its series'
 * colour (the same as on the overview's charts); with `onDrill`, a value of the rows' dimension drills.
 */
export function pivotColumns(
  keys: string[],
  currency: string,
  onDrill?: (key: string, value: string) => void,
  /** The decimals of the per-token rate column, one for all its cells (`rateDigits` of the rows). */
  rateDecimals = 2,
): PivotColumn[] {
  const dims: PivotColumn[] = keys.map((key, i) => {
    const value = (r: PivotRow) => (i === 0 ? r.first : (r.second ?? ''));
    return {
      id: i === 0 ? 'first' : 'second',
      header: dimensionLabel(key),
      numeric: false,
      sortValue: value,
      csv: value,
      cell: (r) => (
        <span className="cell-label" title={value(r)} data-series={value(r)}>
          <span className="swatch" style={{ background: seriesColor(key, value(r)) }} aria-hidden="true" />
          {onDrill && i === 0 ? (
            <button type="button" className="link-button" onClick={() => onDrill(key, value(r))}>
              {value(r)}
            </button>
          ) : (
            value(r)
          )}
        </span>
      ),
    };
  });
  return [
    ...dims,
    count('requests', 'Requests'),
    count('inputTokens', 'Input', true),
    count('outputTokens', 'Output', true),
    count('cacheReadTokens', 'Cache read', true),
    count('cacheWriteTokens', 'Cache write', true),
    count('reasoningTokens', 'Reasoning', true),
    {
      id: 'cost',
      header: 'Cost',
      csvHeader: `Cost (${currency})`,
      numeric: true,
      sortValue: (r) => Number(r.cost),
      csv: (r) => r.cost,
      cell: (r) => <Money amount={r.cost} currency={currency} />,
    },
    {
      id: 'costPer1kOutput',
      header: 'Per 1K out',
      csvHeader: `Cost per 1K output tokens (${currency})`,
      title: 'Cost per 1,000 output tokens',
      numeric: true,
      sortValue: (r) => (r.costPer1kOutput === null ? null : Number(r.costPer1kOutput)),
      csv: (r) => r.costPer1kOutput,
      cell: (r) =>
        r.costPer1kOutput === null ? (
          <span className="muted">–</span>
        ) : (
          <span
            className="money rate"
            data-value={r.costPer1kOutput}
            title={`${r.costPer1kOutput} ${currency}`}
          >
            {formatRate(r.costPer1kOutput, currency, rateDecimals)}
          </span>
        ),
    },
    {
      id: 'share',
      header: 'Share',
      numeric: true,
      sortValue: (r) => r.share,
      csv: (r) => r.share.toFixed(4),
      cell: (r) => formatShare(r.share),
    },
    {
      id: 'trend',
      header: 'Trend',
      numeric: false,
      sortValue: null,
      cell: (r) => <Sparkline values={r.spark} width={72} />,
    },
  ];
}
