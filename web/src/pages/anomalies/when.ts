import { formatDay } from '../../lib/days.ts';
import type { Anomaly } from './types.ts';

/** When an anomaly happened, in a few characters: "12 Mar" or "12 Mar – 13 Mar", with the hour (UTC) for intraday. */
export function whenLabel(a: Pick<Anomaly, 'kind' | 'periodStart' | 'periodEnd'>): string {
  if (a.kind === 'intraday') return `${formatDay(a.periodStart)}, to ${a.periodEnd.slice(11, 16)}`;
  const last = new Date(Date.parse(a.periodEnd) - 86_400_000).toISOString();
  return last.slice(0, 10) === a.periodStart.slice(0, 10)
    ? formatDay(a.periodStart)
    : `${formatDay(a.periodStart)} – ${formatDay(last)}`;
}
