import type { AlertEvent } from './event.ts';

/** A pull source's sync started failing; keyed by the streak's first failure, so one alert per streak. */
export function sourceFailingEvent(input: { sourceId: string; since: string; error: string }): AlertEvent {
  const { sourceId, since, error } = input;
  return {
    kind: 'source_failing',
    dedupeKey: `source:${sourceId}:failing:${since}`,
    severity: 'high',
    scope: null,
    title: `Source "${sourceId}" is failing`,
    text: `${error}\nUsage from this source is missing from the ledger until a sync succeeds again.`,
    facts: [
      { label: 'Source', value: sourceId },
      { label: 'Failing since', value: since },
    ],
    link: `/sources?id=${encodeURIComponent(sourceId)}`,
    data: { sourceId, failingSince: since, error },
  };
}

/** The source whose failure streak began at `since` synced again. */
export function sourceRecoveredEvent(input: { sourceId: string; since: string; now: Date }): AlertEvent {
  const { sourceId, since, now } = input;
  const minutes = Math.max(0, Math.round((now.getTime() - Date.parse(since)) / 60_000));
  return {
    kind: 'source_recovered',
    dedupeKey: `source:${sourceId}:recovered:${since}`,
    severity: 'info',
    scope: null,
    title: `Source "${sourceId}" recovered`,
    text: `Source "${sourceId}" synced again after failing for ${duration(minutes)}; the missed windows are fetched from where it stopped.`,
    facts: [
      { label: 'Source', value: sourceId },
      { label: 'Failing since', value: since },
      { label: 'Recovered at', value: now.toISOString() },
    ],
    link: `/sources?id=${encodeURIComponent(sourceId)}`,
    data: { sourceId, failingSince: since, recoveredAt: now.toISOString() },
  };
}

function duration(minutes: number): string {
  if (minutes < 120) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h` : `${Math.round(hours / 24)} days`;
}
