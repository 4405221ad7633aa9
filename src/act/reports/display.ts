import type { Day } from '../../analyze/calendar.ts';
import { currencySymbol } from '../../domain/currency.ts';
import { decimalToScaled, formatMicros } from '../../domain/money.ts';

/**
 * An exact decimal amount for people: symbol, thousands separators, cents rounded half away from zero
 * on the decimal digits themselves ("1234.565" → "$1,234.57"), never through a float.
 */
export function moneyDisplay(amount: string, currency: string): string {
  const cents = decimalToScaled(amount, 2) ?? 0n;
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  const whole = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const frac = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${currencySymbol(currency)}${whole}.${frac}`;
}

/** `a - b` of two exact decimal strings, as an exact decimal string with six places. */
export function minus(a: string, b: string): string {
  return formatMicros((decimalToScaled(a, 6) ?? 0n) - (decimalToScaled(b, 6) ?? 0n));
}

/** "+12.5%", "-3%", or "n/a" when there was nothing to compare with. */
export function percentDisplay(percent: number | null): string {
  if (percent === null) return 'n/a';
  return `${percent > 0 ? '+' : ''}${percent}%`;
}

/** Cost per output token shown per million tokens, where the numbers are readable: "$12.50". */
export function perMillionDisplay(perToken: string | null, currency: string): string {
  if (perToken === null) return 'n/a';
  // why: a rate to 12 places times a million is the same digits read as micro-units
  return moneyDisplay(formatMicros(decimalToScaled(perToken, 12) ?? 0n), currency);
}

/** A dimension value, or "(none)" for spend without one. */
export function valueDisplay(value: string | null): string {
  return value ?? '(none)';
}

/** "Sun, 22 Nov 2026". */
export function dayDisplay(day: Day): string {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString('en-GB', {
    timeZone: 'UTC',
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  });
}
