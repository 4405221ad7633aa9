import { currencySymbol } from '../domain/currency.ts';

/** An amount for a sentence: symbol, thousands separators, two decimals ("$1,234.50"). */
export function moneyText(amount: number, currency: string): string {
  const sign = amount < 0 ? '-' : '';
  const digits = Math.abs(amount).toLocaleString('en-US', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
  return `${sign}${currencySymbol(currency)}${digits}`;
}

/** A ratio for a sentence: "2.4×". */
export function timesText(actual: number, expected: number): string {
  return expected > 0 ? `${(actual / expected).toFixed(1)}×` : 'from nothing';
}
