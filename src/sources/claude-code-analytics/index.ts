// Anthropic's Claude Code Analytics Admin API as a pull source (admin key): daily per-person usage.
import type { SourceAdapter } from '../http/adapter.ts';
import { uniqueIds } from '../http/ids.ts';
import { fetchDay } from './client.ts';
import { rowToInputs } from './normalize.ts';

const DAY_MS = 86_400_000;

export const claudeCodeAnalyticsAdapter: SourceAdapter = {
  kind: 'claude-code-analytics',
  defaultBaseUrl: 'https://api.anthropic.com/v1',
  // why: one row per person and day, and only data older than an hour: today is re-read until it is over,
  // and two more days in case late sessions land.
  streams: [{ name: 'usage', recent: '1d', backfill: '1d', overlapMs: 72 * 3_600_000 }],
  async fetch(ctx, _stream, window) {
    const usage = [];
    const first = Math.floor(window.from.getTime() / DAY_MS) * DAY_MS;
    for (let t = first; t < window.to.getTime(); t += DAY_MS) {
      const day = new Date(t).toISOString().slice(0, 10);
      for (const page of await fetchDay(ctx, day)) usage.push(...page.data.flatMap(rowToInputs));
    }
    return { usage: uniqueIds(usage), activities: [] };
  },
};
