import type { SpendRow } from '../../api/types.ts';
import { bucketStarts, type TrendBucket } from '../../lib/buckets.ts';
import { fromMicros, toMicros } from '../../lib/decimal.ts';
import { dimensionValue } from '../../lib/dimensions.ts';

/** One line of the pivot: a value (or pair of values) with its amounts over the whole period. */
export interface PivotRow {
  id: string;
  first: string;
  second: string | null;
  requests: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  reasoningTokens: number;
  /** Exact cost in the reporting currency. */
  cost: string;
  /** Exact cost of 1,000 output tokens, to the micro-unit; null without output tokens. */
  costPer1kOutput: string | null;
  /** Fraction of the period's total cost, 0…1. */
  share: number;
  /** Cost per bucket, oldest first, for the sparkline. */
  spark: number[];
}

/** Folds bucketed spend rows into pivot lines by one or two dimensions. */
export function pivot(
  rows: SpendRow[],
  keys: [string] | [string, string],
  period: { from: Date; to: Date; bucket: TrendBucket },
): PivotRow[] {
  const starts = bucketStarts(period.from, period.to, period.bucket).map((d) => d.getTime());
  const slot = new Map(starts.map((t, i) => [t, i]));
  const lines = new Map<string, PivotRow & { micros: bigint }>();
  let total = 0n;
  for (const row of rows) {
    const first = dimensionValue(row, keys[0]);
    const second = keys[1] ? dimensionValue(row, keys[1]) : null;
    const id = JSON.stringify([first, second]);
    let line = lines.get(id);
    if (!line) {
      line = { ...emptyLine(id, first, second), spark: starts.map(() => 0) };
      lines.set(id, line);
    }
    const micros = toMicros(row.cost);
    line.micros += micros;
    total += micros;
    // why: a display sum; a count past 2^53 (a digit string) reads as the nearest float here.
    line.requests += Number(row.requests);
    line.inputTokens += Number(row.inputTokens);
    line.outputTokens += Number(row.outputTokens);
    line.cacheReadTokens += Number(row.cacheReadTokens);
    line.cacheWriteTokens += Number(row.cacheWriteTokens);
    line.reasoningTokens += Number(row.reasoningTokens);
    const i = row.bucket ? slot.get(new Date(row.bucket).getTime()) : undefined;
    if (i !== undefined) line.spark[i] = (line.spark[i] ?? 0) + Number(row.cost);
  }
  return [...lines.values()]
    .map(({ micros, ...line }) => ({
      ...line,
      cost: fromMicros(micros),
      costPer1kOutput:
        line.outputTokens > 0 ? fromMicros((micros * 1000n) / BigInt(line.outputTokens)) : null,
      share: total === 0n ? 0 : Number(micros) / Number(total),
    }))
    .sort((a, b) => Number(toMicros(b.cost) - toMicros(a.cost)));
}

function emptyLine(id: string, first: string, second: string | null): PivotRow & { micros: bigint } {
  return {
    id,
    first,
    second,
    requests: 0,
    inputTokens: 0,
    outputTokens: 0,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    reasoningTokens: 0,
    cost: '0',
    costPer1kOutput: null,
    share: 0,
    spark: [],
    micros: 0n,
  };
}
