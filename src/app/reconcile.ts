import { type ReconcileInput, type ReconcileRow, reconcile } from '../analyze/reconcile.ts';
import type { BilledLine } from '../analyze/reconcile-lines.ts';
import { INVOICE_SERVICE } from '../domain/record.ts';
import type { UsageFilter } from '../store/types.ts';
import type { AppContext } from './context.ts';
import { estimateParts, MAX_PART_RECORDS } from './reconcile-parts.ts';
import { querySpend, type SpendLine } from './spend.ts';

export interface Reconciliation {
  currency: string;
  from: Date;
  to: Date;
  rows: ReconcileRow[];
  totals: { billedMicros: bigint; estimatedMicros: bigint; chargesMicros: bigint; creditsMicros: bigint };
  warnings: string[];
}

/**
 * Why the dashboard disagrees with the invoice: per UTC day, provider and project, the provider's
 * billed invoice lines (service cost-report) against the usage records' cost, in the reporting currency.
 */
export async function reconcileSpend(
  ctx: AppContext,
  filter: UsageFilter & { from: Date; to: Date },
): Promise<Reconciliation> {
  const grouping = { groupBy: ['provider', 'project', 'model'] as const, bucket: 'day' as const, tz: 'UTC' };
  const invoices = { ...filter.dimensions, service: [INVOICE_SERVICE], costKind: ['billed'] };
  const [billed, estimated, lines] = await Promise.all([
    querySpend(ctx, { ...filter, ...grouping, groupBy: [...grouping.groupBy], dimensions: invoices }),
    querySpend(ctx, { ...filter, ...grouping, groupBy: [...grouping.groupBy] }),
    querySpend(ctx, {
      ...filter,
      ...grouping,
      groupBy: [...grouping.groupBy, ...LINE_TAGS],
      dimensions: invoices,
    }),
  ]);
  const billedLines = lines.rows.map(toLine);
  const parts = await estimateParts(ctx, filter, [...new Set(billedLines.map((l) => l.provider))]);
  const detail = { lines: billedLines, parts, currency: estimated.currency };
  const rows = reconcile(billed.rows.map(toInput), estimated.rows.map(toInput), 5, detail);
  const credits = billedLines.filter((l) => l.costMicros < 0n).reduce((s, l) => s + l.costMicros, 0n);
  const partsWarning = parts
    ? []
    : [
        `more than ${MAX_PART_RECORDS} usage records in the window: line items show the bill without estimates`,
      ];
  return {
    currency: estimated.currency,
    from: filter.from,
    to: filter.to,
    rows,
    totals: {
      billedMicros: billed.totals.costMicros,
      estimatedMicros: estimated.totals.costMicros,
      chargesMicros: billed.totals.costMicros - credits,
      creditsMicros: credits,
    },
    warnings: [...new Set([...billed.warnings, ...estimated.warnings, ...partsWarning])],
  };
}

function toInput(line: SpendLine): ReconcileInput {
  return {
    day: (line.bucket ?? new Date(0)).toISOString().slice(0, 10),
    provider: line.dims.provider ?? '(none)',
    project: line.dims.project ?? null,
    model: line.dims.model ?? '(none)',
    costMicros: line.costMicros,
    // why: reconciliation compares token mixes as ratios; a float is enough and never summed into a bill.
    cacheReadTokens: Number(line.cacheReadTokens),
    cacheWriteTokens: Number(line.cacheWriteTokens),
    unpricedRequests: Number(line.unpricedRequests),
  };
}

// The tags sources keep on invoice lines: the Anthropic cost report's description and cost type, the
// OpenAI Costs API's line item.
const LINE_TAGS = ['tag:description', 'tag:lineItem', 'tag:costType'] as const;

function toLine(line: SpendLine): BilledLine {
  const d = line.dims;
  const model = d.model ?? null;
  return {
    day: (line.bucket ?? new Date(0)).toISOString().slice(0, 10),
    provider: d.provider ?? '(none)',
    project: d.project ?? null,
    text: d['tag:lineItem'] ?? d['tag:description'] ?? model ?? '(none)',
    // why: the cost report names the model apart from the description; the Costs API's "model" is its line item.
    model: model !== d['tag:lineItem'] && model !== d['tag:description'] ? model : null,
    costType: d['tag:costType'] ?? null,
    costMicros: line.costMicros,
  };
}
