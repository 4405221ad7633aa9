import { SEVERITIES, type Severity } from './severity.ts';

/** One anomaly as correlation sees it; money in integer micro-units of one currency. */
export interface IncidentMember {
  id: string;
  kind: string;
  scope: { dimension: string; value: string | null };
  periodStart: Date;
  periodEnd: Date;
  actualMicros: number;
  expectedMicros: number;
  severity: Severity;
  /** What explains the anomaly's excess: each value's spend beyond its share. */
  drivers: readonly { dimension: string; value: string | null; deltaMicros: number }[];
  detectedAt: Date;
}

/** A dimension value and the part of an incident's excess it carries. */
export interface Facet {
  dimension: string;
  value: string | null;
  excessMicros: number;
}

/** Correlated anomalies of one event. */
export interface Incident {
  /** Stable while members join: derived from the first member detected. */
  id: string;
  memberIds: string[];
  /** The narrowest scope that carries most of the excess, most specific dimension first. */
  rootCause: Facet[];
  /** e.g. `user dev on gpt-4o in project ranker`. */
  rootCauseText: string;
  scopes: { dimension: string; value: string | null }[];
  kind: string;
  periodStart: Date;
  periodEnd: Date;
  /** The largest member's actual and expected; the excess is their difference (the money at stake). */
  actualMicros: number;
  expectedMicros: number;
  excessMicros: number;
  severity: Severity;
  firstDetectedAt: Date;
  lastDetectedAt: Date;
}

/** A driver carrying at least this share of an anomaly's excess ties it to that value. */
const DOMINANT = 0.5;
/** Dimensions a root cause is narrowed by, most specific first, and how each reads. */
const NARROW = ['user', 'model', 'project', 'context'] as const;
/** Scopes to fall back on when no driver dominates, narrowest first. */
const FALLBACK = ['user', 'project', 'model', 'team', 'provider'];

const excessOf = (m: IncidentMember) => Math.max(0, m.actualMicros - m.expectedMicros);
const keyOf = (dimension: string, value: string | null) => `${dimension}\u0000${value ?? ''}`;

/** The values an anomaly is about: its own scope and the set drivers that carry most of its excess. */
function facetsOf(m: IncidentMember): Facet[] {
  const excess = excessOf(m);
  const own = m.scope.dimension === 'org' ? [] : [{ ...m.scope, excessMicros: excess }];
  const drivers = m.drivers
    // why: an unset value (no context, no project) is shared by unrelated spend; it ties nothing together.
    .filter((d) => d.value !== null && excess > 0 && d.deltaMicros >= DOMINANT * excess)
    .map((d) => ({ dimension: d.dimension, value: d.value, excessMicros: d.deltaMicros }));
  return [...own, ...drivers];
}

/**
 * Groups anomalies into incidents: two anomalies whose periods overlap and that share a scope or a
 * dominant driver belong to one event (transitively). Most severe first, then most money.
 */
export function correlate(members: readonly IncidentMember[]): Incident[] {
  const parent = members.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i]!;
    return i;
  };
  // why: pairs are only compared within a shared facet, so a year of anomalies is not n² comparisons.
  const byFacet = new Map<string, number[]>();
  members.forEach((m, i) => {
    for (const f of facetsOf(m)) {
      const key = keyOf(f.dimension, f.value);
      byFacet.set(key, [...(byFacet.get(key) ?? []), i]);
    }
  });
  for (const indices of byFacet.values()) {
    for (const [n, i] of indices.entries()) {
      for (const j of indices.slice(n + 1)) {
        const a = members[i]!;
        const b = members[j]!;
        if (a.periodStart < b.periodEnd && b.periodStart < a.periodEnd) parent[find(i)] = find(j);
      }
    }
  }
  const groups = new Map<number, IncidentMember[]>();
  members.forEach((m, i) => {
    groups.set(find(i), [...(groups.get(find(i)) ?? []), m]);
  });
  const rank = (s: Severity) => SEVERITIES.indexOf(s);
  return [...groups.values()]
    .map(toIncident)
    .sort((a, b) => rank(b.severity) - rank(a.severity) || b.excessMicros - a.excessMicros);
}

function toIncident(group: IncidentMember[]): Incident {
  const byDetection = [...group].sort(
    (a, b) => a.detectedAt.getTime() - b.detectedAt.getTime() || a.id.localeCompare(b.id),
  );
  const first = byDetection[0]!;
  const largest = group.reduce((a, b) => (excessOf(b) > excessOf(a) ? b : a));
  const severity = group.reduce(
    (s, m) => (SEVERITIES.indexOf(m.severity) > SEVERITIES.indexOf(s) ? m.severity : s),
    first.severity,
  );
  const root = rootCause(group, excessOf(largest));
  return {
    id: first.id.replace(/^an_/, 'in_'),
    memberIds: byDetection.map((m) => m.id),
    rootCause: root,
    rootCauseText: describeRoot(root),
    scopes: uniqueScopes(group),
    kind: group.some((m) => m.kind === 'daily') ? 'daily' : first.kind,
    periodStart: new Date(Math.min(...group.map((m) => m.periodStart.getTime()))),
    periodEnd: new Date(Math.max(...group.map((m) => m.periodEnd.getTime()))),
    actualMicros: largest.actualMicros,
    expectedMicros: largest.expectedMicros,
    excessMicros: excessOf(largest),
    severity,
    firstDetectedAt: first.detectedAt,
    lastDetectedAt: byDetection[byDetection.length - 1]!.detectedAt,
  };
}

/**
 * Per narrow dimension, the value carrying the most excess, kept when it carries at least half of the
 * incident's; when none does, the narrowest member scope.
 */
function rootCause(group: IncidentMember[], total: number): Facet[] {
  const best = new Map<string, Facet>();
  for (const f of group.flatMap(facetsOf)) {
    const prev = best.get(f.dimension);
    if (!prev || f.excessMicros > prev.excessMicros) best.set(f.dimension, f);
  }
  const narrow = NARROW.flatMap((d) => {
    const f = best.get(d);
    return f && f.excessMicros >= DOMINANT * total ? [f] : [];
  });
  if (narrow.length > 0) return narrow;
  for (const d of FALLBACK) {
    const f = best.get(d);
    if (f) return [f];
  }
  return [];
}

const LEAD: Record<string, string> = { user: 'user', model: 'model', project: 'project', context: 'context' };
const JOIN: Record<string, string> = {
  user: 'user',
  model: 'on',
  project: 'in project',
  context: 'in context',
};

/** `user dev on gpt-4o in project ranker`; `the org` when nothing narrower explains it. */
export function describeRoot(root: readonly Facet[]): string {
  if (root.length === 0) return 'the org';
  return root
    .map((f, i) => `${(i === 0 ? LEAD : JOIN)[f.dimension] ?? f.dimension} ${f.value ?? '(none)'}`)
    .join(' ');
}

function uniqueScopes(group: IncidentMember[]): Incident['scopes'] {
  const seen = new Map<string, Incident['scopes'][number]>();
  for (const m of group) seen.set(keyOf(m.scope.dimension, m.scope.value), m.scope);
  return [...seen.values()];
}
