import { HOUR_MS } from '../../lib/time.ts';
import type { Random } from './random.ts';
import { type DraftRecord, sessionRecords } from './session.ts';

/** The stories planted in the demo data, for anomaly detection to find and for docs to point at. */
export const DEMO_EVENTS = {
  /** A summarizer someone set up and forgot: every night at 02:00 UTC, weekends too. */
  nightlyJob: {
    user: 'svc-nightly',
    team: 'platform',
    project: 'data-pipeline',
    context: 'jobs/nightly-summarize',
    model: 'claude-sonnet-4-5',
    startsDaysAgo: 40,
    hourUtc: 2,
    callsPerNight: 170,
  },
  /** A researcher switches a notebook to the most expensive model for one day. */
  opusSpike: {
    user: 'sofia.rossi',
    team: 'research',
    project: 'churn-model',
    context: 'notebooks/churn-model.ipynb',
    model: 'claude-opus-4-1',
    daysAgo: 25,
    sessions: 5,
  },
  /** A backfill launched on gemini-2.5-pro instead of flash, stopped after a few hours. */
  geminiBurst: {
    user: 'omar.haddad',
    team: 'product',
    project: 'search',
    context: 'jobs/backfill-summaries',
    model: 'gemini-2.5-pro',
    daysAgo: 6,
    fromHourUtc: 13,
    hours: 3,
  },
} as const;

/** Records of the planted events that fall on the day starting at `dayStart`. */
export function eventRecords(r: Random, dayStart: Date, daysAgo: number): DraftRecord[] {
  const records: DraftRecord[] = [];
  if (daysAgo <= DEMO_EVENTS.nightlyJob.startsDaysAgo) records.push(...nightlyJob(r, dayStart));
  if (daysAgo === DEMO_EVENTS.opusSpike.daysAgo) records.push(...opusSpike(r, dayStart));
  if (daysAgo === DEMO_EVENTS.geminiBurst.daysAgo) records.push(...geminiBurst(r, dayStart));
  return records;
}

function nightlyJob(r: Random, dayStart: Date): DraftRecord[] {
  const { hourUtc, callsPerNight, startsDaysAgo: _, ...who } = DEMO_EVENTS.nightlyJob;
  const start = new Date(dayStart.getTime() + hourUtc * HOUR_MS + r.int(0, 120_000));
  return sessionRecords(r, {
    ...who,
    start,
    calls: callsPerNight,
    env: 'prod',
    inputRange: [20_000, 80_000],
    gapSeconds: [4, 15],
    conversation: false,
  });
}

function opusSpike(r: Random, dayStart: Date): DraftRecord[] {
  const { daysAgo: _, sessions, ...who } = DEMO_EVENTS.opusSpike;
  const records: DraftRecord[] = [];
  for (let s = 0; s < sessions; s++) {
    const hour = 9 + (10 * s) / sessions + r.next() * 0.5;
    const start = new Date(dayStart.getTime() + hour * HOUR_MS);
    records.push(
      ...sessionRecords(r, {
        ...who,
        start,
        calls: r.int(12, 20),
        env: 'dev',
        gapSeconds: [10, 60],
        inputRange: [8_000, 60_000],
      }),
    );
  }
  return records;
}

function geminiBurst(r: Random, dayStart: Date): DraftRecord[] {
  const { daysAgo: _, fromHourUtc, hours, ...who } = DEMO_EVENTS.geminiBurst;
  const start = new Date(dayStart.getTime() + fromHourUtc * HOUR_MS + r.int(0, 600_000));
  // why: log-uniform gaps of 2-10 s average 5 s, so this many calls fill the window.
  const calls = Math.round((hours * 3_600) / 5);
  const gapSeconds = [2, 10] as const;
  return sessionRecords(r, {
    ...who,
    start,
    calls,
    env: 'prod',
    inputRange: [10_000, 60_000],
    gapSeconds,
    conversation: false,
  });
}
