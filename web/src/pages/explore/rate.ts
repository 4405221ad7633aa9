/**
 * Per-token rates in a column share one precision: enough decimals for the smallest rate shown to keep
 * two significant digits ($0.113, $0.011, $0.018), at least two, at most six (micro-units).
 */
export function rateDigits(amounts: (string | null)[]): number {
  const smallest = Math.min(
    ...amounts.map((a) => Math.abs(Number(a ?? 0))).filter((v) => v > 0 && Number.isFinite(v)),
  );
  if (!Number.isFinite(smallest)) return 2;
  return Math.min(6, Math.max(2, Math.ceil(-Math.log10(smallest)) + 1));
}

const formats = new Map<string, Intl.NumberFormat>();

/** A rate with exactly `digits` decimals ("$0.0040"), rounded from its exact decimal text. */
export function formatRate(amount: string, currency: string, digits: number): string {
  const key = `${currency}|${digits}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.NumberFormat('en-US', {
      style: 'currency',
      currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    formats.set(key, f);
  }
  return f.format(amount as Intl.StringNumericLiteral);
}
