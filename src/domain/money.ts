import { AppError } from './errors.ts';
import { clipInput, MAX_EXPONENT, MAX_NUMBER_TEXT } from './limits.ts';

/** Money is held as integer micro-units (millionths of the currency unit) in safe JS integers or bigints. */
export const MICROS_PER_UNIT = 1_000_000n;

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

/**
 * Parses a decimal amount ("12.5", "1e-7", 0.3) into micro-units, rounding half away from zero
 * at the sixth decimal. Numbers are read through their shortest decimal text, never by float math.
 */
export function parseMicros(value: string | number): number {
  const text = typeof value === 'number' ? numberToText(value) : value.trim();
  const micros = decimalToScaled(text, 6);
  if (micros === null) {
    const bounds = `at most ${MAX_NUMBER_TEXT} characters, exponent within ±${MAX_EXPONENT}`;
    throw new AppError('bad_request', `"${clipInput(text)}" is not a decimal amount (${bounds})`);
  }
  return toSafeNumber(micros);
}

/**
 * Scales a decimal string by 10^scale into a bigint, rounding half away from zero. Null when malformed,
 * or when longer than MAX_NUMBER_TEXT characters or with an exponent past ±MAX_EXPONENT.
 */
export function decimalToScaled(text: string, scale: number): bigint | null {
  // why: `1e10000000` would otherwise become a ten-million-digit bigint; bound the text before any math.
  if (text.length > MAX_NUMBER_TEXT) return null;
  const m = DECIMAL.exec(text);
  if (!m) return null;
  const [, sign, whole = '0', frac = '', exp = '0'] = m;
  if (Math.abs(Number(exp)) > MAX_EXPONENT) return null;
  const shift = scale + Number(exp);
  const digits = BigInt(whole + frac);
  const power = shift - frac.length;
  let scaled: bigint;
  if (power >= 0) {
    scaled = digits * 10n ** BigInt(power);
  } else {
    const divisor = 10n ** BigInt(-power);
    scaled = (digits + divisor / 2n) / divisor;
  }
  return sign ? -scaled : scaled;
}

function numberToText(value: number): string {
  if (!Number.isFinite(value)) throw new AppError('bad_request', `${value} is not a finite amount`);
  return String(value);
}

/** Formats micro-units as a plain decimal string with six places: 1234500 → "1.234500". */
export function formatMicros(micros: number | bigint): string {
  const value = BigInt(micros);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const whole = abs / MICROS_PER_UNIT;
  const frac = (abs % MICROS_PER_UNIT).toString().padStart(6, '0');
  return `${negative ? '-' : ''}${whole}.${frac}`;
}

/** Fractional digits of a per-token rate: a millionth of a micro-unit, so $0.15 per 1M tokens still reads exactly. */
const RATE_DIGITS = 12;

/**
 * Cost per token as a decimal string (12 places, rounded half up), null without tokens. why: a rate is
 * a quotient, so it is exact to its fixed places rather than a float such as 0.000015000000000000001.
 */
export function formatRate(costMicros: bigint, tokens: bigint): string | null {
  if (tokens <= 0n) return null;
  const scale = 10n ** BigInt(RATE_DIGITS - 6);
  const negative = costMicros < 0n;
  const abs = negative ? -costMicros : costMicros;
  const units = (abs * scale * 2n + tokens) / (tokens * 2n);
  const text = units.toString().padStart(RATE_DIGITS + 1, '0');
  return `${negative ? '-' : ''}${text.slice(0, -RATE_DIGITS)}.${text.slice(-RATE_DIGITS)}`;
}

/** Converts a bigint sum back to a number, refusing values that would lose integer precision. */
export function toSafeNumber(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new AppError('bad_request', `amount ${clipInput(value)} micro-units is beyond exact integer range`);
  }
  return Number(value);
}

/** A fixed exchange rate held exactly as numerator / 10^scale. */
export interface Rate {
  scaled: bigint;
  scale: number;
}

export function parseRate(text: string | number): Rate {
  const raw = typeof text === 'number' ? numberToText(text) : text;
  const scale = 12;
  const scaled = decimalToScaled(raw, scale);
  if (scaled === null || scaled <= 0n)
    throw new AppError('bad_request', `"${clipInput(raw)}" is not a positive rate`);
  return { scaled, scale };
}

/** Multiplies micro-units by a rate, rounding half away from zero. */
export function convertMicros(micros: bigint, rate: Rate): bigint {
  const divisor = 10n ** BigInt(rate.scale);
  const product = micros * rate.scaled;
  const half = divisor / 2n;
  return product >= 0n ? (product + half) / divisor : -((-product + half) / divisor);
}
