import { describe, expect, it } from 'vitest';
import type { SpendRow } from '../../web/src/api/types.ts';
import { OTHER, stackMover, stackSeries } from '../../web/src/pages/overview/series.ts';

const row = (over: Partial<SpendRow>): SpendRow => ({
  cost: '0',
  inputTokens: 0,
  outputTokens: 0,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  reasoningTokens: 0,
  requests: 1,
  unpricedRequests: 0,
  ...over,
});
const day = (d: number) => new Date(Date.UTC(2026, 10, d));
const period = { from: day(1), to: day(3), bucket: 'day' as const };

/** Two days of spend per user; `costs` is each user's cost per day, as a decimal string. */
const current = (costs: Record<string, string>) =>
  Object.entries(costs).flatMap(([user, cost]) =>
    [1, 2].map((d) => row({ bucket: day(d).toISOString(), user, cost })),
  );
/** The previous period, unbucketed as the overview asks for it. */
const previous = (costs: Record<string, string>) =>
  Object.entries(costs).map(([user, cost]) => row({ user, cost }));

// seven users who spend much and steadily, each above the ones that move
const steady = { ann: '70', bob: '60', cat: '50', dan: '40', eve: '30', fay: '20', gus: '15' };
const steadyBefore = Object.fromEntries(Object.entries(steady).map(([u, c]) => [u, String(Number(c) * 2)]));

/** The trend's series as the overview builds them: top 6 by cost, the stack's mover kept. */
function trend(now: SpendRow[], before: SpendRow[]) {
  const keep = stackMover(now, before, 'user');
  return { keep, ...stackSeries(now, 'user', period, 6, { keep }) };
}
const names = (t: { series: { name: string }[] }) => t.series.map((s) => s.name);
/** One series' cost summed over the period's buckets. */
const seriesTotal = (t: ReturnType<typeof trend>, name: string) => {
  const key = t.series.find((s) => s.name === name)?.key as string;
  return t.points.reduce((sum, p) => sum + (p[key] ?? 0), 0);
};

describe('stack by user keeps the biggest mover out of Other', () => {
  it('shows a user ranked eighth whose spend grew most as its own series, in place of the sixth', () => {
    const now = current({ ...steady, zoe: '10' });
    const t = trend(now, previous({ ...steadyBefore, zoe: '0.5' }));
    expect(t.keep).toBe('zoe');
    expect(names(t)).toEqual(['ann', 'bob', 'cat', 'dan', 'eve', 'zoe', OTHER]);
    expect(seriesTotal(t, 'zoe')).toBe(20);
    // the sixth by rank (fay) and the seventh (gus) are what Other holds, nothing lost
    expect(seriesTotal(t, OTHER)).toBe(2 * (20 + 15));
    const total = t.series.reduce((sum, s) => sum + seriesTotal(t, s.name), 0);
    expect(total).toBe(2 * (70 + 60 + 50 + 40 + 30 + 20 + 15 + 10));
  });

  it('keeps a new user (nothing spent before) whose arrival is the biggest change', () => {
    const t = trend(current({ ...steady, new: '12' }), previous(steadyBefore));
    expect(t.keep).toBe('new');
    expect(names(t)).toEqual(['ann', 'bob', 'cat', 'dan', 'eve', 'new', OTHER]);
    expect(seriesTotal(t, 'new')).toBe(24);
  });

  it('keeps a user whose spend fell most, though it now ranks low', () => {
    const t = trend(current({ ...steady, old: '1' }), previous({ ...steadyBefore, old: '900' }));
    expect(t.keep).toBe('old');
    expect(names(t)).toEqual(['ann', 'bob', 'cat', 'dan', 'eve', 'old', OTHER]);
    expect(seriesTotal(t, 'old')).toBe(2);
  });

  it('passes over a user who dropped to zero (no series to hide) for the biggest mover still spending', () => {
    const t = trend(current({ ...steady, zoe: '5' }), previous({ ...steadyBefore, gone: '500', zoe: '0' }));
    expect(t.keep).toBe('zoe');
    expect(names(t)).not.toContain('gone');
    expect(names(t)).toContain('zoe');
  });

  it('picks the first by name when two movers below the top tie, and shows it', () => {
    const t = trend(current({ ...steady, yan: '3', xia: '3' }), previous(steadyBefore));
    expect(t.keep).toBe('xia');
    expect(names(t)).toContain('xia');
    expect(names(t)).not.toContain('yan');
    expect(seriesTotal(t, 'xia')).toBe(6);
  });

  it('leaves the ranking alone when the biggest mover is already among the top', () => {
    const t = trend(current({ ...steady, zoe: '1' }), previous({ ...steadyBefore, ann: '0', zoe: '2' }));
    expect(t.keep).toBe('ann');
    expect(names(t)).toEqual(['ann', 'bob', 'cat', 'dan', 'eve', 'fay', OTHER]);
  });

  it('keeps no one when nothing changed, or when the period spent nothing', () => {
    expect(stackMover(current(steady), previous(steadyBefore), 'user')).toBeNull();
    expect(stackMover([], previous(steady), 'user')).toBeNull();
    const t = trend(current(steady), previous(steadyBefore));
    // seven users and a top of six: the seventh is shown by name rather than as an Other of one
    expect(names(t)).toEqual(['ann', 'bob', 'cat', 'dan', 'eve', 'fay', 'gus']);
  });
});
