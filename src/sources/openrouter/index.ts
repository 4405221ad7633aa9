// OpenRouter activity per day, model and API key, read with a management key, as a pull source.
import type { UsageInput } from '../../normalize/usage.ts';
import type { SourceAdapter } from '../http/adapter.ts';
import { uniqueIds } from '../http/ids.ts';
import { fetchKeyDay, fetchKeys } from './client.ts';
import { activityToInput } from './normalize.ts';

const DAY_MS = 86_400_000;

/**
 * `/activity` splits by key only when asked for one key, so each day is read once per key (the keys
 * list gives their hashes). It holds the last 30 completed UTC days: the day still running is left to
 * the next sync, which re-reads two days.
 */
export const openrouterAdapter: SourceAdapter = {
  kind: 'openrouter',
  defaultBaseUrl: 'https://openrouter.ai/api/v1',
  streams: [{ name: 'usage', recent: '1d', backfill: '1d', overlapMs: 48 * 3_600_000 }],
  async fetch(ctx, _stream, window) {
    const keys = await fetchKeys(ctx);
    const usage: UsageInput[] = [];
    const first = Math.floor(window.from.getTime() / DAY_MS) * DAY_MS;
    for (let t = first; t + DAY_MS <= window.to.getTime(); t += DAY_MS) {
      const day = new Date(t).toISOString().slice(0, 10);
      for (const key of keys) {
        const rows = await fetchKeyDay(ctx, key, day);
        usage.push(...rows.map((row) => activityToInput(day, key, row)));
      }
    }
    return { usage: uniqueIds(usage), activities: [] };
  },
};
