import { decimalToScaled, formatMicros } from '../../domain/money.ts';
import { nextDay, SEAT_SERVICE, spreadMonthly } from '../../domain/subscriptions.ts';
import type { UsageInput } from '../../normalize/usage.ts';
import type { PullWindow } from '../http/adapter.ts';
import type { Seat } from './schema.ts';

/** A window's seat days, the ids they are the whole truth for, and what the source says of its seats. */
interface SeatBooking {
  usage: UsageInput[];
  replaces: string[];
  detail: string;
}

const NAMED = 10;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The prefix of one seat holder's day records: `copilot:seat:<login>:<day>`. */
const seatPrefix = (login: string) => `copilot:seat:${login}:`;

/**
 * Each listed seat's days in the window, from the UTC day it was created to its pending cancellation
 * date (the last day paid) or the window's end, each its share of its month's price for the seat's
 * plan (the exact spreading of seats entered by hand). Every listed seat's days are replaced, so a
 * price taken away or an earlier end removes days; a seat no longer listed keeps the days it was booked.
 */
export function bookSeats(
  seats: Seat[],
  prices: Record<string, string> | undefined,
  window: PullWindow,
): SeatBooking {
  const first = dayOf(window.from.getTime());
  const through = dayOf(window.to.getTime() - 1);
  const usage: UsageInput[] = [];
  const unpriced: string[] = [];
  for (const seat of seats) {
    const login = seat.assignee.login;
    const plan = seat.plan_type ?? '';
    const price = prices?.[plan];
    if (price === undefined) {
      unpriced.push(`${login} (${plan || 'no plan_type'})`);
      continue;
    }
    // why: days are YYYY-MM-DD text, compared as text; the window's first day or the seat's, the later.
    const created = dayOf(Date.parse(seat.created_at));
    const start = [first, created].sort()[1] ?? first;
    const days = spreadMonthly({
      monthlyMicros: decimalToScaled(price, 6) ?? 0n,
      startDate: start,
      endDate: seat.pending_cancellation_date ?? null,
      through,
    });
    for (const d of days) if (d.micros > 0n) usage.push(seatDay(login, plan, d.day, d.micros));
  }
  return {
    usage,
    replaces: seats.map((s) => seatPrefix(s.assignee.login)),
    detail: describe(seats.length, prices, unpriced),
  };
}

function seatDay(login: string, plan: string, day: string, micros: bigint): UsageInput {
  return {
    id: `${seatPrefix(login)}${day}`,
    timestamp: `${day}T00:00:00.000Z`,
    endTimestamp: `${nextDay(day)}T00:00:00.000Z`,
    provider: 'github',
    service: SEAT_SERVICE,
    model: `copilot-${plan}`,
    user: login,
    tags: { agent: 'copilot', costKind: 'subscription', vendor: 'copilot', plan },
    requests: 0,
    cost: formatMicros(micros),
    currency: 'USD',
    costKind: 'billed',
  };
}

/** The source's status line about seats: what it books at which prices, and whom it leaves out. */
function describe(count: number, prices: Record<string, string> | undefined, unpriced: string[]): string {
  if (prices === undefined || Object.keys(prices).length === 0) {
    return `${count === 1 ? '1 Copilot seat is' : `${count} Copilot seats are`} not booked: set seat_prices (USD per seat per month by plan_type, e.g. business = "19", enterprise = "39") to book each seat's fee per day`;
  }
  const list = Object.entries(prices)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([plan, price]) => `${plan} $${price}`)
    .join(', ');
  const booked = `books ${count - unpriced.length} of ${count} Copilot seat${count === 1 ? '' : 's'} per day at ${list} a month`;
  if (unpriced.length === 0) return booked;
  const more = unpriced.length > NAMED ? ` and ${unpriced.length - NAMED} more` : '';
  return `${booked}; not booked, no price in seat_prices for their plan_type: ${unpriced.slice(0, NAMED).join(', ')}${more}`;
}
