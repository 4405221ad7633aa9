// GitHub Copilot premium-request usage per user, from the organization billing API, as a pull source.
import type { UsageInput } from '../../normalize/usage.ts';
import type { SourceAdapter } from '../http/adapter.ts';
import { PullError } from '../http/errors.ts';
import { uniqueIds } from '../http/ids.ts';
import { fetchSeatLogins, fetchUserDay } from './client.ts';
import { itemToInput } from './normalize.ts';

const DAY_MS = 86_400_000;

/**
 * The report splits by user only when asked for one user, so each day is read once per seat holder
 * (the seat list gives the logins). Seats themselves are not booked: the ledger has no cost kind for a
 * subscription yet (left for the seats work), and premium requests are what varies per person.
 */
export const copilotAdapter: SourceAdapter = {
  kind: 'copilot',
  defaultBaseUrl: 'https://api.github.com',
  // why: GitHub's billing usage lags by hours and is settled within about a day; two days are re-read.
  streams: [{ name: 'usage', recent: '1d', backfill: '1d', overlapMs: 48 * 3_600_000 }],
  async fetch(ctx, _stream, window) {
    const org = ctx.settings.organization;
    if (typeof org !== 'string' || !org) {
      throw new PullError(
        'refused',
        'a copilot source needs "organization": the GitHub organization to read',
      );
    }
    const logins = await fetchSeatLogins(ctx, org);
    const usage: UsageInput[] = [];
    const first = Math.floor(window.from.getTime() / DAY_MS) * DAY_MS;
    for (let t = first; t < window.to.getTime(); t += DAY_MS) {
      const day = new Date(t).toISOString().slice(0, 10);
      for (const login of logins) {
        const items = await fetchUserDay(ctx, org, login, day);
        usage.push(...items.map((item) => itemToInput(day, login, item)));
      }
    }
    return { usage: uniqueIds(usage), activities: [] };
  },
};
