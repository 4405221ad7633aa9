import { countJson } from '../../domain/count.ts';
import { formatMicros, formatRate } from '../../domain/money.ts';
import type { SpendAmounts, StoredAnomaly } from '../../store/types.ts';
import type { CompareLine, ReportAnomaly, ReportDimension, ReportLine } from './content.ts';

/** A dimension value's summed spend in a period, exact, in the reporting currency. */
export interface Aggregate {
  value: string | null;
  amounts: SpendAmounts;
}

/** Percent change from `previous` to `current`, one decimal; null when `previous` is nothing. */
export function changePercent(current: bigint, previous: bigint): number | null {
  if (previous === 0n) return null;
  return round1((Number(current - previous) / Number(previous)) * 100);
}

/** `part` as a percent of `total`, one decimal. */
export function sharePercent(part: bigint, total: bigint): number {
  return total === 0n ? 0 : round1((Number(part) / Number(total)) * 100);
}

/** Cost of one output token in currency units, an exact decimal string to 12 places (never summed). */
export function perOutputToken(costMicros: bigint, outputTokens: bigint): string | null {
  return formatRate(costMicros, outputTokens);
}

const byCost = (a: bigint, b: bigint) => (b > a ? 1 : b < a ? -1 : 0);

/** The `n` values that spent most, with their share of `total`. */
export function topLines(rows: Aggregate[], total: bigint, n: number): ReportLine[] {
  return [...rows]
    .sort((a, b) => byCost(a.amounts.costMicros, b.amounts.costMicros) || order(a.value, b.value))
    .slice(0, n)
    .map(({ value, amounts }) => ({
      value,
      cost: formatMicros(amounts.costMicros),
      share: sharePercent(amounts.costMicros, total),
      requests: countJson(amounts.requests),
      outputTokens: countJson(amounts.outputTokens),
      costPerOutputToken: perOutputToken(amounts.costMicros, amounts.outputTokens),
    }));
}

interface Compared {
  line: CompareLine;
  current: bigint;
  previous: bigint;
}

/** Every value of a dimension in either period, this period against the one before, by cost this period. */
export function compareLines(
  dimension: ReportDimension,
  current: Aggregate[],
  previous: Aggregate[],
  total: bigint,
): Compared[] {
  const values = new Map<string | null, { current: bigint; previous: bigint }>();
  for (const r of current) values.set(r.value, { current: r.amounts.costMicros, previous: 0n });
  for (const r of previous) {
    const seen = values.get(r.value) ?? { current: 0n, previous: 0n };
    values.set(r.value, { ...seen, previous: r.amounts.costMicros });
  }
  return [...values]
    .map(([value, m]) => ({
      current: m.current,
      previous: m.previous,
      line: {
        dimension,
        value,
        cost: formatMicros(m.current),
        previous: formatMicros(m.previous),
        change: formatMicros(m.current - m.previous),
        changePercent: changePercent(m.current, m.previous),
        share: sharePercent(m.current, total),
      },
    }))
    .sort(
      (a, b) =>
        byCost(a.current, b.current) || byCost(a.previous, b.previous) || order(a.line.value, b.line.value),
    );
}

/** The `n` biggest changes in money, up or down, leaving out values that did not move. */
export function biggestMovers(compared: Compared[], n: number): CompareLine[] {
  const abs = (c: Compared) => (c.current > c.previous ? c.current - c.previous : c.previous - c.current);
  return (
    compared
      .filter((c) => c.current !== c.previous)
      // why: a stable sort keeps ties in the input's order (dimension, then cost), so team ml leads project x.
      .sort((a, b) => byCost(abs(a), abs(b)))
      .slice(0, n)
      .map((c) => c.line)
  );
}

/** An anomaly as a report lists it. */
export function reportAnomaly(a: StoredAnomaly): ReportAnomaly {
  return {
    id: a.id,
    kind: a.kind,
    scope: { dimension: a.scopeDimension, value: a.scopeValue },
    periodStart: a.periodStart.toISOString(),
    periodEnd: a.periodEnd.toISOString(),
    severity: a.severity,
    currency: a.currency,
    actual: formatMicros(a.actualMicros),
    expected: formatMicros(a.expectedMicros),
    description: a.description,
  };
}

// why: a stable order for ties, so the same ledger always archives the same report.
function order(a: string | null, b: string | null): number {
  const [x, y] = [a ?? '', b ?? ''];
  return x < y ? -1 : x > y ? 1 : 0;
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
