// Cursor's Admin API as a pull source (team admin key): usage events per member, and the cycle's spend.
import type { SourceAdapter } from '../http/adapter.ts';
import { uniqueIds } from '../http/ids.ts';
import { fetchEvents, fetchSpend } from './client.ts';
import { eventToInput, spendToInput } from './normalize.ts';

const HOUR_MS = 3_600_000;

/**
 * Daily usage data (`/teams/daily-usage-data`) is not read: it holds request counts and lines of code,
 * no money or tokens, and its requests are the events' requests counted again.
 */
export const cursorAdapter: SourceAdapter = {
  kind: 'cursor',
  defaultBaseUrl: 'https://api.cursor.com',
  streams: [
    // why: Cursor aggregates usage hourly and asks for at most one poll an hour; two days re-read catch late events.
    { name: 'usage', recent: '1d', backfill: '1d', overlapMs: 48 * HOUR_MS },
    // why: `/teams/spend` knows only the current cycle; each sync replaces its one line per member.
    { name: 'costs', recent: '1d', backfill: '1d', overlapMs: 0 },
  ],
  async fetch(ctx, stream, window) {
    if (stream === 'costs') {
      const pages = await fetchSpend(ctx);
      const usage = pages.flatMap((p) =>
        p.teamMemberSpend.map((m) => spendToInput(p.subscriptionCycleStart, m)),
      );
      return { usage: uniqueIds(usage), activities: [] };
    }
    const events = await fetchEvents(ctx, window.from, window.to);
    return { usage: uniqueIds(events.map(eventToInput)), activities: [] };
  },
};
