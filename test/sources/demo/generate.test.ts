import { describe, expect, it } from 'vitest';
import type { UsageRecord } from '../../../src/domain/record.ts';
import { DAY_MS } from '../../../src/lib/time.ts';
import { bundledPriceEntries, createCatalog } from '../../../src/price/index.ts';
import {
  DEMO_EVENTS,
  DEMO_MODEL_NAMES,
  DEMO_PROJECTS,
  DEMO_TEAMS,
  DEMO_USERS,
  generateDemoUsage,
} from '../../../src/sources/demo/index.ts';
import { roughCostUsd } from './list-prices.ts';

const now = new Date('2026-03-18T10:30:00Z');
const from = new Date(now.getTime() - 90 * DAY_MS);
const records = generateDemoUsage({ org: 'acme', now });
const { nightlyJob, opusSpike, geminiBurst } = DEMO_EVENTS;

const day = (date: Date) => date.toISOString().slice(0, 10);
const daysAgo = (date: Date) => Math.floor(now.getTime() / DAY_MS) - Math.floor(date.getTime() / DAY_MS);
const isWeekend = (date: Date) => date.getUTCDay() === 0 || date.getUTCDay() === 6;
const tokens = (r: UsageRecord) => r.inputTokens + r.outputTokens;

function sumBy(rows: readonly UsageRecord[], key: (r: UsageRecord) => string, value = roughCostUsd) {
  const sums = new Map<string, number>();
  for (const r of rows) sums.set(key(r), (sums.get(key(r)) ?? 0) + value(r));
  return sums;
}
const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const median = (values: readonly number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const totalCost = (rows: readonly UsageRecord[]) => rows.reduce((sum, r) => sum + roughCostUsd(r), 0);

describe('generateDemoUsage', () => {
  it('gives the same records and ids for the same arguments, other records for another seed', () => {
    const again = generateDemoUsage({ org: 'acme', now });
    expect(JSON.stringify(again)).toBe(JSON.stringify(records));
    const other = generateDemoUsage({ org: 'acme', now, seed: 7 });
    expect(other.slice(0, 50)).not.toEqual(records.slice(0, 50));
  });

  it('produces valid, unpriced per-call records inside the window', () => {
    expect(records.length).toBeGreaterThan(40_000);
    expect(records.length).toBeLessThan(80_000);
    expect(new Set(records.map((r) => r.id)).size).toBe(records.length);
    const counts = (r: UsageRecord) => [
      r.inputTokens,
      r.outputTokens,
      r.cacheReadTokens,
      r.cacheWriteTokens,
      r.reasoningTokens,
    ];
    const invalid = records.filter(
      (r, index) =>
        r.id !== `demo-${index + 1}` ||
        r.org !== 'acme' ||
        r.source !== 'demo' ||
        r.timestamp < from ||
        r.timestamp >= now ||
        !counts(r).every((n) => Number.isInteger(n) && n >= 0) ||
        r.requests !== 1 ||
        r.costKind !== 'unpriced' ||
        r.costMicros !== null ||
        r.currency !== 'USD' ||
        r.apiKey !== `key_${r.project}` ||
        !['prod', 'dev'].includes(r.tags.env ?? '') ||
        !['chat', 'embeddings', 'batch'].includes(r.service) ||
        r.reasoningTokens > r.outputTokens ||
        r.inputTokens + r.cacheReadTokens + r.cacheWriteTokens > 200_000,
    );
    expect(invalid).toEqual([]);
    const sorted = records.every((r, i) => i === 0 || records[i - 1]!.timestamp <= r.timestamp);
    expect(sorted).toBe(true);
  });

  it('keeps a shorter window inside its bounds', () => {
    const week = generateDemoUsage({ org: 'acme', now, days: 7 });
    expect(week.length).toBeGreaterThan(1_000);
    expect(week.every((r) => r.timestamp < now && now.getTime() - r.timestamp.getTime() <= 7 * DAY_MS)).toBe(
      true,
    );
  });

  it('casts twelve people in three teams across six projects', () => {
    expect(DEMO_USERS).toHaveLength(12);
    expect(new Set(DEMO_USERS.map((u) => u.name)).size).toBe(12);
    expect(new Set(DEMO_USERS.map((u) => u.team))).toEqual(new Set(DEMO_TEAMS));
    expect(DEMO_TEAMS).toHaveLength(3);
    expect(DEMO_PROJECTS).toHaveLength(6);
    for (const user of DEMO_USERS) {
      expect(user.name).toMatch(/^[a-z]+\.[a-z]+$/);
      const mine = records.filter((r) => r.user === user.name);
      expect(mine.length).toBeGreaterThan(1_000);
      expect(mine.every((r) => r.team === user.team && user.projects.includes(r.project ?? ''))).toBe(true);
    }
    const users = new Set(records.map((r) => r.user));
    expect(users).toEqual(new Set([...DEMO_USERS.map((u) => u.name), nightlyJob.user]));
    expect(new Set(records.map((r) => r.project))).toEqual(new Set(DEMO_PROJECTS.map((p) => p.name)));
  });

  it('spreads calls over all three providers and every catalog model', () => {
    expect(new Set(records.map((r) => r.provider))).toEqual(new Set(['openai', 'anthropic', 'google']));
    expect(new Set(records.map((r) => r.model))).toEqual(new Set(DEMO_MODEL_NAMES));
    expect(new Set(records.map((r) => r.service))).toEqual(new Set(['chat', 'embeddings', 'batch']));
    expect(records.filter((r) => r.context !== null).length / records.length).toBeGreaterThan(0.5);
    const anthropic = records.filter((r) => r.provider === 'anthropic' && r.service === 'chat');
    expect(anthropic.filter((r) => r.cacheReadTokens > 0).length / anthropic.length).toBeGreaterThan(0.5);
    expect(records.some((r) => r.model === 'gpt-5' && r.reasoningTokens > 0)).toBe(true);
    expect(median(records.filter((r) => r.service === 'chat').map((r) => r.inputTokens))).toBeGreaterThan(
      500,
    );
    expect(median(records.filter((r) => r.service === 'chat').map((r) => r.inputTokens))).toBeLessThan(
      20_000,
    );
  });

  it('uses only models the bundled price catalog prices', () => {
    const catalog = createCatalog(bundledPriceEntries());
    const unknown = DEMO_MODEL_NAMES.filter((model) => {
      const sample = records.find((r) => r.model === model);
      return !sample || !catalog.find(sample.provider, sample.model, sample.timestamp);
    });
    expect(unknown).toEqual([]);
  });

  it('costs a few thousand dollars over 90 days at list prices', () => {
    const cost = totalCost(records);
    expect(cost).toBeGreaterThan(5_000);
    expect(cost).toBeLessThan(20_000);
  });

  it('is quiet on weekends', () => {
    const people = records.filter((r) => r.user !== nightlyJob.user);
    const daily = sumBy(people, (r) => day(r.timestamp), tokens);
    const weekday = [...daily].filter(([d]) => !isWeekend(new Date(d))).map(([, v]) => v);
    const weekend = [...daily].filter(([d]) => isWeekend(new Date(d))).map(([, v]) => v);
    const ratio = mean(weekend) / mean(weekday);
    expect(ratio).toBeGreaterThan(0.15);
    expect(ratio).toBeLessThan(0.4);
  });

  it('grows: the last two weeks cost clearly more than the first two', () => {
    const people = records.filter((r) => DEMO_USERS.some((u) => u.name === r.user));
    const first = people.filter((r) => r.timestamp.getTime() < from.getTime() + 14 * DAY_MS);
    const last = people.filter((r) => r.timestamp.getTime() >= now.getTime() - 14 * DAY_MS);
    const growth = totalCost(last) / totalCost(first);
    expect(growth).toBeGreaterThan(1.2);
    expect(growth).toBeLessThan(1.8);
  });

  it('runs the forgotten nightly job every night at 02:00 UTC since it started, at a steady cost', () => {
    const job = records.filter((r) => r.context === nightlyJob.context);
    expect(job.every((r) => r.user === nightlyJob.user && r.project === nightlyJob.project)).toBe(true);
    expect(job.every((r) => r.timestamp.getUTCHours() === nightlyJob.hourUtc)).toBe(true);
    const nightly = sumBy(job, (r) => String(daysAgo(r.timestamp)));
    const expectedNights = Array.from({ length: nightlyJob.startsDaysAgo + 1 }, (_, i) => String(i));
    expect(new Set(nightly.keys())).toEqual(new Set(expectedNights));
    const typical = median([...nightly.values()]);
    expect(typical).toBeGreaterThan(5);
    for (const cost of nightly.values()) expect(Math.abs(cost / typical - 1)).toBeLessThan(0.35);
  });

  it('shows the opus spike: one researcher burns several days of spend on claude-opus-4-1', () => {
    const opus = records.filter((r) => r.model === opusSpike.model);
    const opusByDay = sumBy(opus, (r) => String(daysAgo(r.timestamp)), tokens);
    const spikeTokens = opusByDay.get(String(opusSpike.daysAgo)) ?? 0;
    expect(spikeTokens).toBeGreaterThan(5 * median([...opusByDay.values()]));
    const hers = sumBy(
      records.filter((r) => r.user === opusSpike.user),
      (r) => String(daysAgo(r.timestamp)),
    );
    const spikeDay = hers.get(String(opusSpike.daysAgo)) ?? 0;
    const weekdays = [...hers].filter(([k]) => !isWeekend(new Date(now.getTime() - Number(k) * DAY_MS)));
    const normal = median(weekdays.filter(([k]) => k !== String(opusSpike.daysAgo)).map(([, v]) => v));
    expect(spikeDay / normal).toBeGreaterThan(5);
    expect(spikeDay / normal).toBeLessThan(15);
  });

  it('shows the gemini burst: a few hours of gemini-2.5-pro in one project', () => {
    const pro = records.filter((r) => r.model === geminiBurst.model);
    const hourly = sumBy(pro, (r) => r.timestamp.toISOString().slice(0, 13), tokens);
    const burstDay = day(new Date(now.getTime() - geminiBurst.daysAgo * DAY_MS));
    const burstHours = [...hourly].filter(([hour]) => hour.startsWith(burstDay)).map(([, v]) => v);
    const otherHours = [...hourly].filter(([hour]) => !hour.startsWith(burstDay)).map(([, v]) => v);
    const busiestOther = Math.max(...otherHours);
    expect(burstHours.filter((v) => v > 3 * busiestOther).length).toBeGreaterThanOrEqual(
      geminiBurst.hours - 1,
    );
    const burst = records.filter((r) => r.context === geminiBurst.context);
    expect(new Set(burst.map((r) => r.project))).toEqual(new Set([geminiBurst.project]));
    expect(new Set(burst.map((r) => daysAgo(r.timestamp)))).toEqual(new Set([geminiBurst.daysAgo]));
  });
});
