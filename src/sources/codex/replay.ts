import { type Counters, sameCounters } from './normalize.ts';

/** One usage event of a session log: when, and what it used. */
export interface CodexUsageEvent {
  timestamp: string;
  usage: Counters;
}

/** The usage events of a session's log, found by session id; null when no such log is on this machine. */
export type ParentEvents = (sessionId: string) => CodexUsageEvent[] | null;

/**
 * Where a forked or sub-agent log stands in the parent history it replays first. Codex copies the parent's
 * `token_count` events into the new log stamped with the fork's own time, so neither the ledger's ids nor
 * ccusage's cross-file key see them as copies. With the parent's log at hand the replay is the run of
 * leading events equal to the parent's events up to the fork (`matched` of them so far); without it, the
 * burst written in the fork's first second (`second`, when its first two events share that second).
 */
export type Replay = { parent: string; cutoff: string; matched: number } | { second: string };

/** The replay a fork or sub-agent log starts with, from its own `session_meta` and the events that follow. */
export function startReplay(
  parent: string,
  cutoff: string,
  parents: ParentEvents,
  upcoming: () => string[],
): Replay | null {
  if (parents(parent)) return { parent, cutoff, matched: 0 };
  const [first, second] = upcoming();
  const firstSecond = first?.slice(0, 19);
  return firstSecond && firstSecond === second?.slice(0, 19) ? { second: firstSecond } : null;
}

/** The parent's events a fork can have copied: those written up to the fork's own start. */
export function parentHistory(replay: Replay, parents: ParentEvents): CodexUsageEvent[] {
  if ('second' in replay) return [];
  const cutoff = Date.parse(replay.cutoff);
  return (parents(replay.parent) ?? []).filter((e) => !(Date.parse(e.timestamp) > cutoff));
}

/**
 * Whether an event of a replaying log is a copy from its parent (`history`, from `parentHistory`), and the
 * replay still running after it: null once the log's own events begin.
 */
export function replayed(
  replay: Replay,
  event: CodexUsageEvent,
  history: CodexUsageEvent[],
): { copy: boolean; next: Replay | null } {
  if ('second' in replay) {
    const copy = event.timestamp.slice(0, 19) === replay.second;
    return { copy, next: copy ? replay : null };
  }
  const expected = history[replay.matched];
  if (!expected || !sameCounters(expected.usage, event.usage)) return { copy: false, next: null };
  const matched = replay.matched + 1;
  return { copy: true, next: matched < history.length ? { ...replay, matched } : null };
}
