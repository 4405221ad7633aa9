import type { UsageRecord } from '../../domain/record.ts';
import { DAY_MS, HOUR_MS } from '../../lib/time.ts';
import { eventRecords } from './events.ts';
import type { ModelName } from './models.ts';
import { createRandom, type Random, streamSeed } from './random.ts';
import { callsForDay, isWeekend, sessionHour } from './rhythm.ts';
import { type DraftRecord, sessionRecords } from './session.ts';
import { DEMO_USERS, type DemoUser, demoProject, modelMix } from './team.ts';

export interface DemoOptions {
  org: string;
  /** The end of the window (exclusive); every record is before it. */
  now: Date;
  days?: number;
  seed?: number;
}

/** Share of sessions run from an ad-hoc script rather than a named notebook, job or service. */
const AD_HOC = 0.25;

/**
 * A fictional team's AI usage over the `days` before `now`: per-call records, unpriced, with a weekly
 * rhythm, steady growth, a forgotten nightly job and two spikes. Same arguments, same records and ids.
 */
export function generateDemoUsage({ org, now, days = 90, seed = 42 }: DemoOptions): UsageRecord[] {
  const from = now.getTime() - days * DAY_MS;
  const today = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  const drafts: DraftRecord[] = [];
  for (let daysAgo = Math.ceil(days); daysAgo >= 0; daysAgo--) {
    const dayStart = new Date(today - daysAgo * DAY_MS);
    for (const user of DEMO_USERS) {
      drafts.push(...userDay(createRandom(streamSeed(seed, user.name, daysAgo)), user, dayStart, daysAgo));
    }
    drafts.push(...eventRecords(createRandom(streamSeed(seed, 'events', daysAgo)), dayStart, daysAgo));
  }
  return drafts
    .filter((d) => d.timestamp.getTime() >= from && d.timestamp < now)
    .sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime())
    .map((draft, index) => ({ id: `demo-${index + 1}`, org, ...draft }));
}

/** One person's sessions on one day, until they have made about as many calls as the day calls for. */
function userDay(r: Random, user: DemoUser, dayStart: Date, daysAgo: number): DraftRecord[] {
  const target = callsForDay(r, user, dayStart, daysAgo);
  const weekend = isWeekend(dayStart);
  const mix = modelMix(user);
  const [primary, secondary] = user.projects;
  const records: DraftRecord[] = [];
  while (records.length < target) {
    const project = demoProject(secondary && r.chance(0.25) ? secondary : primary);
    const context = r.chance(AD_HOC) ? null : r.pick(project.contexts);
    const model: ModelName = context?.models ? r.pick(context.models) : r.weighted(mix);
    const bulk = model === 'text-embedding-3-small' || context?.service === 'batch';
    const start = new Date(dayStart.getTime() + sessionHour(r, user, weekend) * HOUR_MS);
    const calls = Math.min(target - records.length, 1 + Math.floor(r.logUniform(1, bulk ? 12 : 32)));
    records.push(
      ...sessionRecords(r, {
        start,
        calls,
        user: user.name,
        team: user.team,
        project: project.name,
        context: context?.name ?? null,
        env: context?.env ?? 'dev',
        model,
        batch: context?.service === 'batch',
        inputScale: context?.inputScale ?? 1,
      }),
    );
  }
  return records;
}
