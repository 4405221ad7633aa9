import type { SpendRow } from '../../api/types.ts';
import { bucketStarts, isPartialBucket, type TrendBucket } from '../../lib/buckets.ts';
import { fromMicros, toMicros } from '../../lib/decimal.ts';
import { dimensionValue } from '../../lib/dimensions.ts';

export const OTHER = 'Other';

/** Dimension values ranked by their exact total cost, largest first. */
export function rankValues(rows: SpendRow[], key: string): { value: string; micros: bigint }[] {
  const totals = new Map<string, bigint>();
  for (const row of rows) {
    const value = dimensionValue(row, key);
    totals.set(value, (totals.get(value) ?? 0n) + toMicros(row.cost));
  }
  return [...totals]
    .map(([value, micros]) => ({ value, micros }))
    .sort((a, b) => (b.micros > a.micros ? 1 : b.micros < a.micros ? -1 : a.value.localeCompare(b.value)));
}

export interface StackedSeries {
  /** One point per bucket: `t` (ms), then `s0`…`sN` in currency units. */
  points: Record<string, number>[];
  /** `key` is the point field; index keys because values such as "gpt-4.1" would read as paths. */
  series: { key: string; name: string }[];
  /** The `t` of each bucket that holds less than its whole length (cut by the range, or under way). */
  partial: number[];
}

/**
 * Bucketed rows as a stacked series: the top `topN` values by cost, the rest summed as "Other", gaps as 0.
 * `keep` names a value shown whatever its rank (the period's biggest mover), in place of the last of the
 * top; `now` marks the buckets still under way as partial.
 */
export function stackSeries(
  rows: SpendRow[],
  key: string,
  period: { from: Date; to: Date; bucket: TrendBucket },
  topN: number,
  options: { keep?: string | null; now?: Date } = {},
): StackedSeries {
  const ranked = rankValues(rows, key);
  const top = ranked.slice(0, ranked.length > topN + 1 ? topN : topN + 1).map((r) => r.value);
  const keep = options.keep;
  if (keep && !top.includes(keep) && ranked.some((r) => r.value === keep)) top[top.length - 1] = keep;
  const hasOther = ranked.length > top.length;
  const series = [
    ...top.map((name, i) => ({ key: `s${i}`, name })),
    ...(hasOther ? [{ key: 'other', name: OTHER }] : []),
  ];
  const fieldOf = new Map(top.map((name, i) => [name, `s${i}`]));
  const blank = () => Object.fromEntries(series.map((s) => [s.key, 0]));
  const byTime = new Map<number, Record<string, number>>();
  for (const start of bucketStarts(period.from, period.to, period.bucket)) {
    byTime.set(start.getTime(), { t: start.getTime(), ...blank() });
  }
  for (const row of rows) {
    if (!row.bucket) continue;
    const t = new Date(row.bucket).getTime();
    let point = byTime.get(t);
    if (!point) {
      point = { t, ...blank() };
      byTime.set(t, point);
    }
    const field = fieldOf.get(dimensionValue(row, key)) ?? 'other';
    point[field] = (point[field] ?? 0) + Number(row.cost);
  }
  const points = [...byTime.values()].sort((a, b) => (a.t ?? 0) - (b.t ?? 0));
  const now = options.now ?? period.to;
  const partial = points
    .map((p) => p.t ?? 0)
    .filter((t) => isPartialBucket(new Date(t), period.bucket, period, now));
  return { points, series, partial };
}

export interface BarItem {
  value: string;
  cost: string;
  share: number;
  other?: boolean;
}

/** The top `topN` values by cost with their share of the total; the rest as one "Other" line. */
export function breakdownBars(rows: SpendRow[], key: string, topN: number): BarItem[] {
  const ranked = rankValues(rows, key);
  const total = ranked.reduce((sum, r) => sum + r.micros, 0n);
  const share = (m: bigint) => (total === 0n ? 0 : Number(m) / Number(total));
  const cut = ranked.length > topN + 1 ? topN : ranked.length;
  const items: BarItem[] = ranked
    .slice(0, cut)
    .map((r) => ({ value: r.value, cost: fromMicros(r.micros), share: share(r.micros) }));
  const rest = ranked.slice(cut).reduce((sum, r) => sum + r.micros, 0n);
  if (cut < ranked.length)
    items.push({
      value: `${OTHER} (${ranked.length - cut})`,
      cost: fromMicros(rest),
      share: share(rest),
      other: true,
    });
  return items;
}

export interface Mover {
  value: string;
  current: string;
  previous: string;
  delta: string;
  /** Percent change; null when the value spent nothing before (new). */
  percent: number | null;
}

/** The values whose spend changed most against the previous period, by absolute change. */
export function topMovers(current: SpendRow[], previous: SpendRow[], key: string, n: number): Mover[] {
  const now = new Map(rankValues(current, key).map((r) => [r.value, r.micros]));
  const before = new Map(rankValues(previous, key).map((r) => [r.value, r.micros]));
  const values = new Set([...now.keys(), ...before.keys()]);
  const movers = [...values].map((value) => {
    const c = now.get(value) ?? 0n;
    const p = before.get(value) ?? 0n;
    return { value, c, p, d: c - p };
  });
  const abs = (x: bigint) => (x < 0n ? -x : x);
  return movers
    .filter((m) => m.d !== 0n)
    .sort((a, b) => (abs(b.d) > abs(a.d) ? 1 : abs(b.d) < abs(a.d) ? -1 : a.value.localeCompare(b.value)))
    .slice(0, n)
    .map((m) => ({
      value: m.value,
      current: fromMicros(m.c),
      previous: fromMicros(m.p),
      delta: fromMicros(m.d),
      percent: m.p === 0n ? null : (Number(m.d) / Number(m.p)) * 100,
    }));
}

/**
 * The value a stacked trend keeps out of "Other": the biggest mover against the previous period among
 * the values that spent in this one (one that dropped to nothing has no series to hide); ties by name.
 */
export function stackMover(current: SpendRow[], previous: SpendRow[], key: string): string | null {
  const spent = new Set(rankValues(current, key).map((r) => r.value));
  const movers = topMovers(current, previous, key, Number.POSITIVE_INFINITY);
  return movers.find((m) => spent.has(m.value))?.value ?? null;
}
