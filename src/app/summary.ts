import { type BreakdownLine, breakdown, type PeriodFigures, periodFigures } from '../analyze/summary.ts';
import type { Dimension } from '../domain/record.ts';
import type { UsageFilter } from '../store/types.ts';
import type { AppContext } from './context.ts';
import { querySpend } from './spend.ts';

export const SUMMARY_DIMENSIONS = ['user', 'team', 'project', 'model'] as const satisfies Dimension[];

export interface Summary extends PeriodFigures {
  currency: string;
  from: Date;
  to: Date;
  breakdowns: Record<(typeof SUMMARY_DIMENSIONS)[number], BreakdownLine[]>;
  warnings: string[];
}

/** The period summary: total, average per day, change against the previous equal period, breakdowns. */
export async function summarize(
  ctx: AppContext,
  filter: UsageFilter & { from: Date; to: Date },
): Promise<Summary> {
  const span = filter.to.getTime() - filter.from.getTime();
  const previous = await querySpend(ctx, {
    ...filter,
    // why: a period of centuries would look back before any timestamp the store takes.
    from: new Date(Math.max(0, filter.from.getTime() - span)),
    to: filter.from,
    groupBy: [],
  });
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
    ...periodFigures({
      from: filter.from,
      to: filter.to,
      totalMicros: total,
      previousMicros: previous.totals.costMicros,
    }),
    breakdowns,
    warnings: [...new Set(results.flatMap((r) => r.warnings))],
  };
}
