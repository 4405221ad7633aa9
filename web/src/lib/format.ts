/** Display formats. Money keeps its exact decimal text until the last step, where Intl rounds it. */

const moneyFormats = new Map<string, Intl.NumberFormat>();

function moneyFormat(currency: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${currency}|${JSON.stringify(options)}`;
  let f = moneyFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat('en-US', { style: 'currency', currency, ...options });
    moneyFormats.set(key, f);
  }
  return f;
}

/** "$3,415.81"; amounts under a cent keep two significant digits ("$0.0015") so they never read as $0.00. */
export function formatMoney(amount: string, currency: string): string {
  const value = amount as Intl.StringNumericLiteral;
  const abs = Math.abs(Number(amount));
  if (abs > 0 && abs < 0.01) return moneyFormat(currency, { maximumSignificantDigits: 2 }).format(value);
  return moneyFormat(currency, {}).format(value);
}

/** "$3.4K" for axis ticks. */
export function formatMoneyCompact(amount: number, currency: string): string {
  return moneyFormat(currency, { notation: 'compact', maximumFractionDigits: 1 }).format(amount);
}

const integer = new Intl.NumberFormat('en-US');
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

export function formatInt(n: number | string): string {
  return integer.format(typeof n === 'string' ? BigInt(n) : n);
}

/** "1 request", "2 requests", "1,204 requests", "0.5 days": a count and its noun, plural unless exactly 1. */
export function plural(n: number | string, noun: string, nouns = `${noun}s`): string {
  const text = typeof n === 'string' ? formatInt(n) : Number.isInteger(n) ? formatInt(n) : String(n);
  return `${text} ${Number(n) === 1 ? noun : nouns}`;
}

/** "12.4M" for token counts. */
export function formatCompact(n: number | string): string {
  return compact.format(Number(n));
}

/** 0.2845 → "28.5%". */
export function formatShare(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`;
}

/** 53.7 → "+53.7%". */
export function formatChange(percent: number): string {
  return `${percent > 0 ? '+' : ''}${percent.toFixed(1)}%`;
}

// why: one day style across the dashboard ("3 Nov", as the range picker, budgets and reports name days)
const dayFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short' });
const timeFormat = new Intl.DateTimeFormat('en-US', { hour: 'numeric' });
const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
const clockFormat = new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit' });

/** A bucket's start as an axis label: "3 Nov" for days and weeks, "3 Nov, 2 PM" for hours. */
export function formatBucket(iso: string, bucket: string): string {
  const date = new Date(iso);
  return bucket === 'hour' ? `${dayFormat.format(date)}, ${timeFormat.format(date)}` : dayFormat.format(date);
}

/**
 * A bucket as an axis labels it: an hour alone ("2 PM") when every bucket falls on one day, where the
 * day heads the page; otherwise as `formatBucket`.
 */
export function formatAxisBucket(iso: string, bucket: string, oneDay: boolean): string {
  return bucket === 'hour' && oneDay ? timeFormat.format(new Date(iso)) : formatBucket(iso, bucket);
}

/** A moment in the days' style with a 12-hour clock: "3 Nov 2026, 2:05 PM". */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return `${dateFormat.format(date)}, ${clockFormat.format(date)}`;
}
