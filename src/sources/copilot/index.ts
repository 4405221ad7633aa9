// GitHub Copilot per user from the organization billing API, as a pull source: premium-request usage,
// and each seat's monthly fee per day.
import type { UsageInput } from '../../normalize/usage.ts';
import type { PullContext, SourceAdapter } from '../http/adapter.ts';
import { PullError } from '../http/errors.ts';
import { uniqueIds } from '../http/ids.ts';
import { fetchSeats, fetchUserDay } from './client.ts';
import { itemToInput } from './normalize.ts';
import { bookSeats } from './seats.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

function organization(ctx: PullContext): string {
  const org = ctx.settings.organization;
  if (typeof org !== 'string' || !org) {
    throw new PullError('refused', 'a copilot source needs "organization": the GitHub organization to read');
  }
  return org;
}

/**
 * The report splits by user only when asked for one user, so each day is read once per seat holder
 * (the seat list gives the logins). Seats are booked from the same list at `seat_prices` (the API
 * has no prices), as service "seat" like the seats entered by hand, so detection leaves them out.
 */
export const copilotAdapter: SourceAdapter = {
  kind: 'copilot',
  defaultBaseUrl: 'https://api.github.com',
  streams: [
    // why: GitHub's billing usage lags by hours and is settled within about a day; two days are re-read.
    { name: 'usage', recent: '1d', backfill: '1d', overlapMs: 48 * HOUR_MS },
    // why: a month re-read catches new seats, cancellations and a changed price on the days they concern.
    { name: 'seats', recent: '1d', backfill: '1d', overlapMs: 31 * DAY_MS },
  ],
  async fetch(ctx, stream, window) {
    const org = organization(ctx);
    const seats = await fetchSeats(ctx, org);
    if (stream === 'seats') {
      // why: settings were checked against sourceSettingsSchema when saved or loaded: plan → decimal text.
      const prices = ctx.settings.seatPrices as Record<string, string> | undefined;
      const booked = bookSeats(seats, prices, window);
      if (ctx.notes) ctx.notes.detail = booked.detail;
      return { usage: booked.usage, activities: [], replaces: booked.replaces };
    }
    const usage: UsageInput[] = [];
    const first = Math.floor(window.from.getTime() / DAY_MS) * DAY_MS;
    for (let t = first; t < window.to.getTime(); t += DAY_MS) {
      const day = new Date(t).toISOString().slice(0, 10);
      for (const { assignee } of seats) {
        const items = await fetchUserDay(ctx, org, assignee.login, day);
        usage.push(...items.map((item) => itemToInput(day, assignee.login, item)));
      }
    }
    return { usage: uniqueIds(usage), activities: [] };
  },
};
