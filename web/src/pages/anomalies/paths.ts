import { readRange, resolveRange } from '../../state/range.ts';
import { type Anomaly, SEVERITIES } from './types.ts';

const DAY = 86_400_000;

/** The anomalies page's choices as the URL holds them, and the API paths that fill it. */
export function anomaliesPaths(search: URLSearchParams, now: Date) {
  const range = resolveRange(readRange(search), now);
  const status = search.get('status') ?? 'open,acknowledged';
  const severity = SEVERITIES.find((s) => s === search.get('severity')) ?? null;
  const params = new URLSearchParams({
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    limit: '500',
  });
  if (status !== 'all') params.set('status', status);
  if (severity) params.set('severity', severity);
  const incidents = new URLSearchParams(params);
  incidents.set('limit', '200');
  return {
    range,
    status,
    severity,
    list: `/api/v1/anomalies?${params}`,
    incidents: `/api/v1/incidents?${incidents}`,
    selected: search.get('anomaly'),
    incident: search.get('incident'),
  };
}

/** The days around an anomaly, three weeks before to one after (today at the latest), for its band chart. */
export function bandPath(a: Anomaly, now: Date): string {
  const day = (t: number) => new Date(t).toISOString().slice(0, 10);
  const start = Date.parse(a.periodStart);
  const end = Math.min(Date.parse(a.periodEnd) + 7 * DAY, now.getTime() + DAY);
  const params = new URLSearchParams({
    dimension: a.scope.dimension,
    from: day(start - 21 * DAY),
    to: day(end),
  });
  if (a.scope.dimension !== 'org') params.set('value', a.scope.value ?? '(none)');
  return `/api/v1/baseline?${params}`;
}
