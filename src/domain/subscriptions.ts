/** Seats and subscriptions: fixed monthly fees spread over the days they cover. */

export const SUBSCRIPTION_VENDORS = ['cursor', 'copilot', 'claude', 'chatgpt', 'other'] as const;
type SubscriptionVendor = (typeof SUBSCRIPTION_VENDORS)[number];

/** The `source` of the ledger records that carry seat fees, one per subscription and day. */
export const SUBSCRIPTION_SOURCE = 'subscriptions';
/** Their `service`: a fixed fee, not usage, so queries and detection can tell the two apart. */
export const SEAT_SERVICE = 'seat';

/** The ledger provider of each vendor, as the vendors' own sources name it. */
export function vendorProvider(vendor: SubscriptionVendor): string {
  switch (vendor) {
    case 'cursor':
      return 'cursor';
    case 'copilot':
      return 'github';
    case 'claude':
      return 'anthropic';
    case 'chatgpt':
      return 'openai';
    case 'other':
      return 'other';
    default:
      return vendor satisfies never;
  }
}

/** One UTC day (`YYYY-MM-DD`) and its share of its month's fee, in micro-units. */
export interface DayShare {
  day: string;
  micros: bigint;
}

const DAY_MS = 86_400_000;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const msOf = (day: string) => Date.parse(`${day}T00:00:00Z`);

/** Days in the month of `ms` (28 to 31). */
function daysInMonth(ms: number): number {
  const d = new Date(ms);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
}

/**
 * Day `i` (0-based) of a `days`-day month's share of `fee`: the whole fee cut at exact cumulative
 * boundaries, so the month's days sum to the fee to the micro and any run of days differs from its
 * exact prorated amount by less than one micro.
 */
export function dayShare(fee: bigint, days: number, i: number): bigint {
  const n = BigInt(days);
  return (fee * BigInt(i + 1)) / n - (fee * BigInt(i)) / n;
}

/**
 * The days a monthly fee covers, from `startDate` to `endDate` (inclusive; null: still running) but no
 * later than `through`, each with its share of its own month's fee. A partial month pays its days'
 * shares only: prorated by days.
 */
export function spreadMonthly(input: {
  monthlyMicros: bigint;
  startDate: string;
  endDate: string | null;
  through: string;
}): DayShare[] {
  if (input.monthlyMicros < 0n) throw new RangeError('a monthly fee cannot be negative');
  const last = input.endDate !== null && input.endDate < input.through ? input.endDate : input.through;
  const out: DayShare[] = [];
  for (let ms = msOf(input.startDate); ms <= msOf(last); ms += DAY_MS) {
    const i = new Date(ms).getUTCDate() - 1;
    out.push({ day: dayOf(ms), micros: dayShare(input.monthlyMicros, daysInMonth(ms), i) });
  }
  return out;
}

/** The UTC day after `day`. */
export function nextDay(day: string): string {
  return dayOf(msOf(day) + DAY_MS);
}
