import { type BreakdownLine, breakdown, type PeriodFigures, periodFigures } from '../analyze/summary.ts';
import { previousSpan, type Span } from '../domain/periods.ts';
import type { Dimension } from '../domain/record.ts';
import type { SpendAmounts, UsageFilter } from '../store/types.ts';
import type { AppContext } from './context.ts';
import { querySpend } from './spend.ts';

export const SUMMARY_DIMENSIONS = ['user', 'team', 'project', 'model'] as const satisfies Dimension[];

export interface Summary extends PeriodFigures {
  currency: string;
  from: Date;
  to: Date;
  previous: Span;
  previousMicros: bigint;
  /** The period's amounts: tokens, requests and unpriced requests beside the cost. */
  totals: SpendAmounts;
  breakdowns: Record<(typeof SUMMARY_DIMENSIONS)[number], BreakdownLine[]>;
  warnings: string[];
}

/**
 * The period summary: total, average per day, change against what the period is compared with, and
 * breakdowns. `previous` comes from src/domain/periods.ts (last month against the month before it);
 * without it, the span of equal length just before.
 */
export async function summarize(
  ctx: AppContext,
  filter: UsageFilter & { from: Date; to: Date },
  previousPeriod: Span = previousSpan(filter, 'UTC'),
): Promise<Summary> {
  const previous = await querySpend(ctx, { ...filter, ...previousPeriod, groupBy: [] });
  const results = await Promise.all(
    SUMMARY_DIMENSIONS.map((d) => querySpend(ctx, { ...filter, groupBy: [d] })),
  );
  const total = results[0]?.totals.costMicros ?? 0n;
  const breakdowns = Object.fromEntries(
    SUMMARY_DIMENSIONS.map((d, i) => [
      d,
      breakdown(
        (results[i]?.rows ?? []).map((r) => ({ ...r, value: r.dims[d] ?? null })),
        total,
      ),
    ]),
  ) as Summary['breakdowns'];
  return {
    currency: results[0]?.currency ?? ctx.config.currency,
    from: filter.from,
    to: filter.to,
    previous: previousPeriod,
    previousMicros: previous.totals.costMicros,
    ...periodFigures({
      from: filter.from,
      to: filter.to,
      totalMicros: total,
      previousMicros: previous.totals.costMicros,
    }),
    totals: results[0]!.totals,
    breakdowns,
    warnings: [...new Set(results.flatMap((r) => r.warnings))],
  };
}
