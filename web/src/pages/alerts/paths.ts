/** The alert history for an event filter (null: every event), newest first. */
export function alertsPath(event: string | null): string {
  const params = new URLSearchParams({ limit: '200' });
  if (event) params.set('event', event);
  return `/api/v1/alerts?${params}`;
}
