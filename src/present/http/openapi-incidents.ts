const q = (name: string, description: string) => ({
  name,
  in: 'query',
  required: false,
  description,
  schema: { type: 'string' },
});
const id = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const ok = (description: string) => ({
  200: { description },
  401: { description: 'Missing or invalid bearer token' },
  404: { description: 'No such incident (or not visible to the caller)' },
});
const INCIDENT =
  '{id, kind: daily|intraday, status: open|acknowledged|muted, severity, rootCause: {description, facets: [{dimension, value, excess}]}, scopes: [{dimension, value}], periodStart, periodEnd, currency, actual, expected, excess (the money at stake), firstDetectedAt, lastDetectedAt, anomalies: [anomaly as GET /api/v1/anomalies]}';

/** The OpenAPI paths of incidents: correlated anomalies of one event. */
export function incidentPaths() {
  const change = (summary: string) => ({ post: { summary, parameters: [id], responses: ok(INCIDENT) } });
  return {
    '/api/v1/incidents': {
      get: {
        summary: 'Incidents overlapping a period, most severe first, each with its member anomalies',
        description:
          'Anomalies of overlapping periods that share a scope or a driver carrying most of their excess are one incident (one runaway job shows in the org, its team, project, user, model and provider). The root cause is the narrowest scope carrying most of the excess, e.g. "user dev on gpt-4o in project ranker". Detection runs after each source sync and on the alert schedule; an incident alerts once.',
        parameters: [
          q('from', 'Start: a zoned instant or a date. Default: 30 days before `to`.'),
          q('to', 'End (exclusive). Default: the end of the current hour.'),
          q('status', 'Comma list of open, acknowledged, muted (open while any member is open)'),
          q('severity', 'At least: low, medium, high or critical'),
          q('limit', '1–1000, default 100'),
        ],
        responses: ok(`[${INCIDENT}]`),
      },
    },
    '/api/v1/incidents/{id}/acknowledge': change('Acknowledge every anomaly of an incident (audited once)'),
    '/api/v1/incidents/{id}/mute': {
      post: {
        summary: 'Mute an incident: its anomalies and their scopes, like muting each anomaly (audited once)',
        parameters: [id],
        requestBody: {
          content: {
            'application/json': {
              schema: { type: 'object', description: '{until?: instant, days?: number}; default 7 days' },
            },
          },
        },
        responses: ok(INCIDENT),
      },
    },
    '/api/v1/incidents/{id}/reopen': change('Reopen every anomaly of an incident (audited once)'),
  };
}
