/**
 * Exact money in the browser: the API sends decimal strings, sums of them are kept as integer
 * micro-units (millionths) in bigints, as the server does. Floats are only for drawing.
 */

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

/** "12.5" → 12_500_000n; digits past the sixth place are cut (the API never sends them). */
export function toMicros(text: string): bigint {
  const m = DECIMAL.exec(text.trim());
  if (!m) return 0n;
  const [, sign, whole = '0', frac = ''] = m;
  const micros = BigInt(whole) * 1_000_000n + BigInt(frac.padEnd(6, '0').slice(0, 6));
  return sign ? -micros : micros;
}

/** 12_500_000n → "12.500000", the API's own form. */
export function fromMicros(micros: bigint): string {
  const negative = micros < 0n;
  const abs = negative ? -micros : micros;
  const frac = (abs % 1_000_000n).toString().padStart(6, '0');
  return `${negative ? '-' : ''}${abs / 1_000_000n}.${frac}`;
}

/** Adds decimal strings exactly. */
export function sumDecimals(values: string[]): string {
  return fromMicros(values.reduce((sum, v) => sum + toMicros(v), 0n));
}

/** `a - b` exactly. */
export function subtractDecimals(a: string, b: string): string {
  return fromMicros(toMicros(a) - toMicros(b));
}

/** A decimal string as a float, for chart scales and shares only. */
export function toNumber(text: string): number {
  return Number(text);
}
