import { type Scope, scopeText } from './anomaly.ts';
import { addDays, type Day, daysBetween, weekdayName, weekdayOf } from './calendar.ts';
import type { Driver } from './drivers.ts';
import { moneyText, timesText } from './money-text.ts';

interface Amounts {
  actual: number;
  expected: number;
  lower: number;
  upper: number;
}

/**
 * A daily anomaly in a sentence a person can read: the scope, actual against expected and its band,
 * the day of the week, the main driver, and whether the rise has become the new normal.
 */
export function describeDaily(
  input: Amounts & {
    scope: Scope;
    start: Day;
    end: Day;
    currency: string;
    drivers: readonly Driver[];
    becameNormal: boolean;
  },
): string {
  const m = (x: number) => moneyText(x, input.currency);
  const days = daysBetween(input.start, input.end);
  const when =
    days === 1
      ? `on ${weekdayName(weekdayOf(input.start))} ${input.start}`
      : `from ${input.start} to ${addDays(input.end, -1)} (${days} days)`;
  const usual = days === 1 ? `for a ${weekdayName(weekdayOf(input.start))}` : 'for those days';
  const parts = [
    `${scopeText(input.scope)} spent ${m(input.actual)} ${when}, against ${m(input.expected)} expected ${usual} ` +
      `(usual range ${m(input.lower)}–${m(input.upper)}): +${m(input.actual - input.expected)}, ${timesText(input.actual, input.expected)}.`,
    driverText(input.drivers, input.currency),
    input.becameNormal ? 'The rise has lasted and is now taken as the new normal.' : '',
  ];
  return parts.filter(Boolean).join(' ');
}

/** An intraday spike in a sentence: spend so far against what was expected by this hour, and the hot window. */
export function describeIntraday(
  input: Amounts & {
    scope: Scope;
    clock: string;
    currency: string;
    window: { hours: number; actual: number; expected: number };
    drivers: readonly Driver[];
  },
): string {
  const m = (x: number) => moneyText(x, input.currency);
  const span =
    input.window.hours < 1
      ? `${Math.round(input.window.hours * 60)} minutes`
      : `${input.window.hours.toFixed(1)} hours`;
  return [
    `By ${input.clock}, ${scopeText(input.scope).replace(/^The org/, 'the org')} has spent ${m(input.actual)} today against ` +
      `${m(input.expected)} expected by this hour; the last ${span} alone ${m(input.window.actual)} against ${m(input.window.expected)}.`,
    driverText(input.drivers, input.currency),
  ]
    .filter(Boolean)
    .join(' ');
}

/** The sentence naming an anomaly's main drivers; empty without drivers. */
export function driverText(drivers: readonly Driver[], currency: string): string {
  const top = drivers[0];
  if (!top) return '';
  const others = drivers
    .slice(1, 3)
    .map((d) => `${d.dimension} ${d.value ?? '(none)'} (+${moneyText(d.delta, currency)})`);
  return `Main driver: ${top.dimension} ${top.value ?? '(none)'} (+${moneyText(top.delta, currency)})${others.length ? `; also ${others.join(', ')}` : ''}.`;
}
