import { addDays, dayStart, localDay } from '../../analyze/calendar.ts';
import { ANALYSIS_DEFAULTS } from '../../analyze/options.ts';
import type { Visibility } from '../../store/types.ts';
import type { AppContext } from '../context.ts';
import { querySpend } from '../spend.ts';
import type { SpendItem } from './analyse-items.ts';

/** Where the baselines and the previous period of an analysis of posted transactions came from. */
export interface AnalysisBaseline {
  /** `ledger`: the ledger's days before the first posted transaction; `transactions`: the posted ones alone. */
  source: 'ledger' | 'transactions';
  /** The days the baselines were read from, before the period analysed. */
  history: { from: Date; to: Date };
  previousPeriod: { from: Date; to: Date };
  /** The instant from which the posted transactions stand in for the ledger. */
  ledgerUntil: Date | null;
}

/**
 * The ledger's spend before the first posted transaction's day (the period's end when none are posted), per
 * day, project, user and model, as items.
 * Why: a workflow posts the morning's transactions alone; judged on themselves they have no history and
 * no previous period. From that day on the posted transactions replace the ledger, so the same spend in
 * both is counted once.
 */
export async function ledgerHistory(
  ctx: AppContext,
  input: { org: string; visibility?: Visibility; from: Date; to: Date; items: SpendItem[] },
): Promise<{ items: SpendItem[]; baseline: AnalysisBaseline }> {
  const tz = ctx.config.timezone;
  const earliest = input.items.reduce((m, i) => Math.min(m, i.timestamp.getTime()), Number.POSITIVE_INFINITY);
  const cutoff = Number.isFinite(earliest) ? dayStart(localDay(new Date(earliest), tz), tz) : input.to;
  const span = input.to.getTime() - input.from.getTime();
  const previousFrom = new Date(Math.max(0, input.from.getTime() - span));
  const historyFrom = new Date(
    Math.min(
      previousFrom.getTime(),
      dayStart(addDays(localDay(input.from, tz), -ANALYSIS_DEFAULTS.profileDays), tz).getTime(),
    ),
  );
  const previousPeriod = { from: previousFrom, to: input.from };
  if (historyFrom >= cutoff) return { items: [], baseline: onItems(input, previousPeriod) };
  // why: users and models matter only where drivers look (two weeks before the period on); before
  // that, a day per project is enough for the baselines and keeps a large org's history small.
  const detailFrom = new Date(
    Math.max(historyFrom.getTime(), dayStart(addDays(localDay(input.from, tz), -14), tz).getTime()),
  );
  const query = (from: Date, to: Date, groupBy: ('project' | 'user' | 'model')[]) =>
    from < to
      ? querySpend(ctx, {
          org: input.org,
          visibility: input.visibility,
          from,
          to,
          groupBy,
          bucket: 'day',
          tz,
        })
      : Promise.resolve({ rows: [] });
  const parts = await Promise.all([
    query(historyFrom, new Date(Math.min(detailFrom.getTime(), cutoff.getTime())), ['project']),
    query(detailFrom, cutoff, ['project', 'user', 'model']),
  ]);
  const items = parts
    .flatMap((p) => p.rows)
    .filter((r) => r.bucket !== null && (r.costMicros !== 0n || r.requests !== 0n))
    .map((r) => ({
      // why: the middle of the local day, so a bucket never slips to a neighbour across a DST change.
      timestamp: new Date((r.bucket as Date).getTime() + 12 * 3_600_000),
      costMicros: r.costMicros,
      user: r.dims.user ?? null,
      project: r.dims.project ?? null,
      model: r.dims.model ?? null,
      tokensIn: Number(r.inputTokens + r.cacheReadTokens + r.cacheWriteTokens),
      tokensOut: Number(r.outputTokens),
      requests: Number(r.requests),
    }));
  if (items.length === 0) return { items, baseline: onItems(input, previousPeriod) };
  return {
    items,
    baseline: {
      source: 'ledger',
      history: { from: historyFrom, to: input.from },
      previousPeriod,
      ledgerUntil: cutoff,
    },
  };
}

function onItems(
  input: { from: Date; items: SpendItem[] },
  previousPeriod: AnalysisBaseline['previousPeriod'],
) {
  const earliest = input.items.reduce((m, i) => Math.min(m, i.timestamp.getTime()), input.from.getTime());
  return {
    source: 'transactions' as const,
    history: { from: new Date(Math.min(earliest, input.from.getTime())), to: input.from },
    previousPeriod,
    ledgerUntil: null,
  };
}
