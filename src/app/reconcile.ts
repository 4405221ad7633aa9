import { type ReconcileInput, type ReconcileRow, reconcile } from '../analyze/reconcile.ts';
import { INVOICE_SERVICE } from '../domain/record.ts';
import type { UsageFilter } from '../store/types.ts';
import type { AppContext } from './context.ts';
import { querySpend, type SpendLine } from './spend.ts';

export interface Reconciliation {
  currency: string;
  from: Date;
  to: Date;
  rows: ReconcileRow[];
  totals: { billedMicros: bigint; estimatedMicros: bigint };
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
  const [billed, estimated] = await Promise.all([
    querySpend(ctx, {
      ...filter,
      ...grouping,
      groupBy: [...grouping.groupBy],
      dimensions: { ...filter.dimensions, service: [INVOICE_SERVICE], costKind: ['billed'] },
    }),
    querySpend(ctx, { ...filter, ...grouping, groupBy: [...grouping.groupBy] }),
  ]);
  const rows = reconcile(billed.rows.map(toInput), estimated.rows.map(toInput));
  return {
    currency: estimated.currency,
    from: filter.from,
    to: filter.to,
    rows,
    totals: {
      billedMicros: billed.totals.costMicros,
      estimatedMicros: estimated.totals.costMicros,
    },
    warnings: [...new Set([...billed.warnings, ...estimated.warnings])],
  };
}

function toInput(line: SpendLine): ReconcileInput {
  return {
    day: (line.bucket ?? new Date(0)).toISOString().slice(0, 10),
    provider: line.dims.provider ?? '(none)',
    project: line.dims.project ?? null,
    model: line.dims.model ?? '(none)',
    costMicros: line.costMicros,
    cacheReadTokens: line.cacheReadTokens,
    cacheWriteTokens: line.cacheWriteTokens,
  };
}
