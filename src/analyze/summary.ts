import { DAY_MS } from '../lib/time.ts';

/** One line of a breakdown: a dimension value and its exact cost. */
export interface BreakdownInput {
  value: string | null;
  costMicros: bigint;
  requests: bigint;
  inputTokens: bigint;
  outputTokens: bigint;
}

export interface BreakdownLine extends BreakdownInput {
  /** Fraction of the period's total, 0…1. */
  share: number;
  /** Cost per output token in the reporting currency; null without output tokens. */
  costPerOutputToken: number | null;
}

export interface PeriodFigures {
  totalMicros: bigint;
  averageDailyMicros: bigint;
  /** Percent change against the previous equal period; null when that period spent nothing. */
  changePercent: number | null;
  days: number;
}

/** Total, daily average and change against the previous equal-length period. */
export function periodFigures(input: {
  from: Date;
  to: Date;
  totalMicros: bigint;
  previousMicros: bigint;
}): PeriodFigures {
  const days = Math.max((input.to.getTime() - input.from.getTime()) / DAY_MS, 1 / 24);
  const averageDailyMicros = BigInt(Math.round(Number(input.totalMicros) / days));
  const changePercent =
    input.previousMicros === 0n
      ? null
      : round1((Number(input.totalMicros - input.previousMicros) / Number(input.previousMicros)) * 100);
  return { totalMicros: input.totalMicros, averageDailyMicros, changePercent, days };
}

/** Sorts a breakdown by cost and adds each line's share and cost per output token. */
export function breakdown(lines: BreakdownInput[], totalMicros: bigint): BreakdownLine[] {
  return [...lines]
    .sort((a, b) => (b.costMicros > a.costMicros ? 1 : b.costMicros < a.costMicros ? -1 : 0))
    .map((line) => ({
      ...line,
      share: totalMicros === 0n ? 0 : Number(line.costMicros) / Number(totalMicros),
      costPerOutputToken:
        line.outputTokens > 0n ? Number(line.costMicros) / 1e6 / Number(line.outputTokens) : null,
    }));
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
