import { invalidateAll } from '../../api/cache.ts';
import { api } from '../../api/client.ts';
import type { Anomaly, Incident } from './types.ts';

export type AnomalyAction = 'acknowledge' | 'mute' | 'reopen';

/** Acknowledges, mutes (for a week) or reopens an anomaly, then lets every view load anew. */
export async function act(id: string, action: AnomalyAction): Promise<Anomaly> {
  const body = action === 'mute' ? { days: 7 } : undefined;
  const changed = await api<Anomaly>(`/api/v1/anomalies/${encodeURIComponent(id)}/${action}`, {
    method: 'POST',
    body,
  });
  invalidateAll();
  return changed;
}

/** The same for every anomaly of an incident at once. */
export async function actOnIncident(id: string, action: AnomalyAction): Promise<Incident> {
  const body = action === 'mute' ? { days: 7 } : undefined;
  const changed = await api<Incident>(`/api/v1/incidents/${encodeURIComponent(id)}/${action}`, {
    method: 'POST',
    body,
  });
  invalidateAll();
  return changed;
}
