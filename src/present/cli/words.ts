import { moneyDisplay } from '../../act/reports/display.ts';

/** A count with its noun: "1 request", "2,417 requests"; `plural` for nouns that do not add an s. */
export function count(n: number | bigint | string, noun: string, plural = `${noun}s`): string {
  const value = typeof n === 'string' ? Number(n) : n;
  const text = typeof n === 'string' && !Number.isSafeInteger(value) ? n : value.toLocaleString('en-US');
  return `${text} ${value === 1 || value === 1n ? noun : plural}`;
}

/** A whole number with thousands separators; digit strings past 2^53 as they are. */
export function number(n: number | string): string {
  const value = Number(n);
  return Number.isSafeInteger(value) ? value.toLocaleString('en-US') : String(n);
}

/** An exact decimal amount with its symbol and two decimals: "$0.80", "$1,234.57". */
export function money(amount: string, currency: string): string {
  return moneyDisplay(amount, currency);
}
