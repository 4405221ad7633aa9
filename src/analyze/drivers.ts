import { sum } from './stats.ts';

/** Spend by value of one dimension, on the anomaly's days and over the days its baseline came from. */
export interface DriverInput {
  dimension: string;
  actual: ReadonlyMap<string | null, number>;
  reference: ReadonlyMap<string | null, number>;
}

/** A dimension value and how much of the anomaly's excess it carries. */
export interface Driver {
  dimension: string;
  value: string | null;
  actual: number;
  expected: number;
  delta: number;
}

/**
 * Which values explain the difference between actual and expected: each value's expected spend is its
 * share of the reference days times the scope's expected total, and its delta what it spent beyond
 * that. The largest positive deltas, at most two per dimension and `limit` in all.
 */
export function findDrivers(inputs: readonly DriverInput[], expectedTotal: number, limit = 5): Driver[] {
  const found: Driver[] = [];
  for (const input of inputs) {
    const referenceTotal = sum([...input.reference.values()]);
    const values = new Set([...input.actual.keys(), ...input.reference.keys()]);
    const lines = [...values].map((value) => {
      const actual = input.actual.get(value) ?? 0;
      const share = referenceTotal > 0 ? (input.reference.get(value) ?? 0) / referenceTotal : 0;
      const expected = share * expectedTotal;
      return { dimension: input.dimension, value, actual, expected, delta: actual - expected };
    });
    found.push(
      ...lines
        .filter((l) => l.delta > 0)
        .sort((a, b) => b.delta - a.delta)
        .slice(0, 2),
    );
  }
  return found.sort((a, b) => b.delta - a.delta).slice(0, limit);
}
