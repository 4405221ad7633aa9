import type { Random } from './random.ts';
import type { DemoUser } from './team.ts';

/** End-of-window volume over start-of-window volume across 90 days: adoption keeps growing. */
const GROWTH_PER_90_DAYS = 1.4;
const WEEKEND_SHARE = 0.25;
/** Chance that a person is off (leave, sick, offsite) on a given weekday. */
const DAY_OFF = 0.04;

export function isWeekend(dayStart: Date): boolean {
  const weekday = dayStart.getUTCDay();
  return weekday === 0 || weekday === 6;
}

/** Growth factor for a day `daysAgo` before today, relative to the day 90 days ago. */
export function growth(daysAgo: number): number {
  return GROWTH_PER_90_DAYS ** ((90 - daysAgo) / 90);
}

/** How many calls one person makes on one day: base rate, growth, weekend lull and day-to-day noise. */
export function callsForDay(r: Random, user: DemoUser, dayStart: Date, daysAgo: number): number {
  const weekend = isWeekend(dayStart);
  if (!weekend && r.chance(DAY_OFF)) return 0;
  const noise = Math.exp(0.3 * r.normal() - 0.045);
  return Math.round(user.callsPerDay * growth(daysAgo) * (weekend ? WEEKEND_SHARE : 1) * noise);
}

/** Hours after UTC midnight when a session starts: around the working day, a few in the evening. */
export function sessionHour(r: Random, user: DemoUser, weekend: boolean): number {
  if (weekend) return user.startHourUtc + 1 + r.next() * 11;
  if (r.chance(0.05)) return user.startHourUtc + 10 + r.next() * 4;
  const offset = Math.min(10, Math.max(-1, 4.5 + 2.2 * r.normal()));
  return user.startHourUtc + offset;
}
