import type { UsageRecord } from '../../src/domain/record.ts';
import { makeRecord } from './records.ts';

const DAY = 86_400_000;

/** Who spends in the quiet ledger: user, team, project, model, and dollars a day. */
export type Person = [user: string, team: string, project: string, model: string, dollars: number];

export const PEOPLE: Person[] = [
  ['ana', 'platform', 'search', 'gpt-4o', 3],
  ['bob', 'platform', 'search', 'claude-sonnet-4', 2],
  ['cy', 'ml', 'ranker', 'gpt-4o-mini', 1.5],
  ['dev', 'ml', 'ranker', 'gpt-4o', 2.5],
];

/** One person's spend of a day, at 10:00 UTC. */
export function personRecord(
  org: string,
  id: string,
  day: Date,
  [user, team, project, model, dollars]: Person,
) {
  return makeRecord({
    org,
    id,
    user,
    team,
    project,
    model,
    timestamp: new Date(day.getTime() + 10 * 3_600_000),
    costMicros: Math.round(dollars * 1_000_000),
    costKind: 'billed',
  });
}

/** `days` quiet days before `until` (a UTC midnight): everyone's usual spend with a small weekly wobble. */
export function quietLedger(org: string, until: Date, days = 60): UsageRecord[] {
  const quiet: UsageRecord[] = [];
  for (let d = days; d >= 1; d--) {
    const day = new Date(until.getTime() - d * DAY);
    const wobble = 1 + (0.05 * ((d % 7) - 3)) / 3;
    PEOPLE.forEach((p, i) => {
      quiet.push(personRecord(org, `q-${d}-${i}`, day, [p[0], p[1], p[2], p[3], p[4] * wobble]));
    });
  }
  return quiet;
}

/** A usual day for everyone on `day`, and user dev's runaway job on gpt-4o in project ranker: 20× more. */
export function runawayDay(org: string, day: Date): UsageRecord[] {
  const landed = PEOPLE.map((p, i) => personRecord(org, `y-${i}`, day, p));
  for (let n = 0; n < 20; n++) landed.push(personRecord(org, `run-${n}`, day, PEOPLE[3]!));
  return landed;
}
