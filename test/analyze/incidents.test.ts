import { describe, expect, it } from 'vitest';
import { correlate, type IncidentMember } from '../../src/analyze/incidents.ts';
import type { Severity } from '../../src/analyze/severity.ts';

const day = new Date('2026-11-20T00:00:00Z');
const next = new Date('2026-11-21T00:00:00Z');
const M = 1_000_000;

type Driver = [dimension: string, value: string | null, dollars: number];

function anomaly(
  id: string,
  dimension: string,
  value: string | null,
  dollars: [actual: number, expected: number],
  drivers: Driver[],
  severity: Severity = 'high',
): IncidentMember {
  return {
    id,
    kind: 'daily',
    scope: { dimension, value },
    periodStart: day,
    periodEnd: next,
    actualMicros: dollars[0] * M,
    expectedMicros: dollars[1] * M,
    severity,
    drivers: drivers.map(([d, v, delta]) => ({ dimension: d, value: v, deltaMicros: delta * M })),
    detectedAt: new Date(`2026-11-20T10:0${id.length % 10}:00Z`),
  };
}

/** User dev's runaway job on gpt-4o in project ranker, as the six scope series see it. */
const runaway: Driver[] = [
  ['user', 'dev', 380],
  ['model', 'gpt-4o', 378],
  ['project', 'ranker', 379],
];

describe('correlate', () => {
  it('makes one incident of one runaway user on one model, naming user, model and project', () => {
    const members = [
      anomaly('an_org', 'org', null, [420, 40], runaway, 'critical'),
      anomaly('an_team', 'team', 'ml', [400, 20], runaway),
      anomaly(
        'an_project',
        'project',
        'ranker',
        [390, 10],
        runaway.filter(([d]) => d !== 'project'),
      ),
      anomaly(
        'an_user',
        'user',
        'dev',
        [385, 5],
        runaway.filter(([d]) => d !== 'user'),
      ),
      anomaly(
        'an_model',
        'model',
        'gpt-4o',
        [395, 15],
        runaway.filter(([d]) => d !== 'model'),
      ),
      anomaly('an_provider', 'provider', 'openai', [400, 20], runaway),
    ];
    const incidents = correlate(members);
    expect(incidents).toHaveLength(1);
    const [incident] = incidents;
    expect(incident!.rootCauseText).toBe('user dev on gpt-4o in project ranker');
    expect(incident!.rootCause.map((f) => f.dimension)).toEqual(['user', 'model', 'project']);
    expect(incident!.memberIds.sort()).toEqual(members.map((m) => m.id).sort());
    expect(incident!.scopes).toHaveLength(6);
    expect(incident!.excessMicros).toBe(380 * M);
    expect(incident!.severity).toBe('critical');
  });

  it('keeps two unrelated spikes of the same day apart', () => {
    const alice: Driver[] = [
      ['user', 'alice', 200],
      ['model', 'gpt-4o', 200],
      ['project', 'ranker', 200],
      ['context', null, 200],
    ];
    const bob: Driver[] = [
      ['user', 'bob', 90],
      ['model', 'claude-sonnet-4', 90],
      ['project', 'search', 90],
      ['context', null, 90],
    ];
    const incidents = correlate([
      anomaly('an_a1', 'team', 'ml', [220, 20], alice),
      anomaly('an_a2', 'user', 'alice', [205, 5], alice.slice(1)),
      anomaly('an_org', 'org', null, [350, 50], [...alice, ...bob], 'critical'),
      anomaly('an_b1', 'team', 'web', [100, 10], bob, 'medium'),
      anomaly('an_b2', 'user', 'bob', [92, 2], bob.slice(1), 'medium'),
    ]);
    expect(incidents.map((i) => i.rootCauseText)).toEqual([
      'user alice on gpt-4o in project ranker',
      'user bob on claude-sonnet-4 in project search',
    ]);
    expect(incidents.map((i) => i.memberIds.length)).toEqual([3, 2]);
  });

  it('does not join the same scope on days that do not overlap', () => {
    const other = { ...anomaly('an_later', 'user', 'dev', [385, 5], []), periodStart: next };
    other.periodEnd = new Date('2026-11-22T00:00:00Z');
    expect(correlate([anomaly('an_user', 'user', 'dev', [385, 5], []), other])).toHaveLength(2);
  });

  it('keeps the id of the first anomaly detected as members join', () => {
    const first = anomaly('an_1', 'user', 'dev', [385, 5], runaway.slice(1));
    const [alone] = correlate([first]);
    const [joined] = correlate([anomaly('an_team', 'team', 'ml', [400, 20], runaway), first]);
    expect(joined!.id).toBe(alone!.id);
    expect(alone!.id).toBe('in_1');
  });
});
