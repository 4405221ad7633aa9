import { type Day, daysBetween, localDay } from '../../analyze/calendar.ts';
import { type BreakdownInput, breakdown, periodFigures } from '../../analyze/summary.ts';
import type { AppContext } from '../context.ts';
import type { SpendAnalysis } from './analyse-spend.ts';
import { itemAnomalies } from './item-anomalies.ts';
import type { AnalysisBaseline } from './ledger-history.ts';

/** One transaction to analyse, its cost already in the reporting currency. */
export interface SpendItem {
  timestamp: Date;
  costMicros: bigint;
  user: string | null;
  project: string | null;
  model: string | null;
  tokensIn: number;
  tokensOut: number;
  /** Calls the item stands for: 1 for a transaction, more for a day of the ledger. */
  requests?: number;
}

type Key = 'user' | 'project' | 'model';

/**
 * The analysis of the given items (posted transactions, and the ledger's days before them): figures,
 * breakdowns, and daily anomalies of the org and each project.
 */
export function analyseItems(
  ctx: AppContext,
  input: { from: Date; to: Date; items: SpendItem[]; baseline: AnalysisBaseline },
): SpendAnalysis {
  const { from, to, items } = input;
  const span = to.getTime() - from.getTime();
  const within = (a: number, b: number) =>
    items.filter((i) => i.timestamp.getTime() >= a && i.timestamp.getTime() < b);
  const current = within(from.getTime(), to.getTime());
  const totalMicros = current.reduce((s, i) => s + i.costMicros, 0n);
  const previousMicros = within(from.getTime() - span, from.getTime()).reduce((s, i) => s + i.costMicros, 0n);
  return {
    currency: ctx.config.currency,
    from,
    to,
    figures: periodFigures({ from, to, totalMicros, previousMicros }),
    byUser: breakdown(lines(current, 'user'), totalMicros),
    byProject: breakdown(lines(current, 'project'), totalMicros),
    anomalies: itemAnomalies(ctx, input),
    baseline: input.baseline,
  };
}

function lines(items: SpendItem[], key: Key): BreakdownInput[] {
  const by = new Map<string | null, BreakdownInput>();
  for (const i of items) {
    const line = by.get(i[key]) ?? {
      value: i[key],
      costMicros: 0n,
      requests: 0n,
      inputTokens: 0n,
      outputTokens: 0n,
    };
    line.costMicros += i.costMicros;
    line.requests += BigInt(i.requests ?? 1);
    line.inputTokens += BigInt(i.tokensIn);
    line.outputTokens += BigInt(i.tokensOut);
    by.set(i[key], line);
  }
  return [...by.values()];
}

/** Daily spend (currency units) of the items, from `start` for `length` days, per value of `key` (or all). */
export function daily(
  items: SpendItem[],
  tz: string,
  start: Day,
  length: number,
  key?: Key,
): Map<string | null, number[]> {
  const out = new Map<string | null, number[]>();
  for (const i of items) {
    const k = key ? i[key] : null;
    const days = out.get(k) ?? Array(length).fill(0);
    const d = daysBetween(start, localDay(i.timestamp, tz));
    if (d >= 0 && d < length) days[d] += Number(i.costMicros) / 1e6;
    out.set(k, days);
  }
  return out;
}
