import { SCOPE_DIMENSIONS } from '../../analyze/anomaly.ts';
import { DIMENSIONS } from '../../domain/record.ts';

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
});
const ANOMALY =
  '{id, kind: daily|intraday, scope: {dimension, value}, periodStart, periodEnd, currency, actual, expected, lower, upper, severity: low|medium|high|critical, sustained, drivers: [{dimension, value, delta, actual, expected}], description, status: open|acknowledged|muted, mutedUntil, createdAt, updatedAt, historical (found in past data, e.g. after a backfill: listed, never alerted)}';

/** The OpenAPI paths of anomalies, forecast, baselines and the analysis service's compatibility routes. */
export function analysisPaths() {
  return {
    '/api/v1/anomalies': {
      get: {
        summary: 'Anomalies overlapping a period, newest first, brought up to date on each call',
        description:
          'Daily anomalies (a day, or consecutive days, above the 95% prediction interval of a weekday-aware, outlier-robust baseline and above the money floor) of the org and each team, project, user, model and provider; intraday spikes of today. Series with under 7 days of history are still learning and raise none.',
        parameters: [
          q('from', 'Start: a zoned instant or a date. Default: 30 days before `to`.'),
          q('to', 'End (exclusive). Default: the end of the current hour.'),
          q('status', 'Comma list of open, acknowledged, muted'),
          q('kind', 'daily or intraday'),
          q('severity', 'At least: low, medium, high or critical'),
          q('dimension', `org or one of ${SCOPE_DIMENSIONS.join(', ')}`),
          q('limit', '1–1000, default 200'),
        ],
        responses: ok(`[${ANOMALY}]`),
      },
    },
    '/api/v1/anomalies/{id}/acknowledge': {
      post: { summary: 'Acknowledge an anomaly (audited)', parameters: [id], responses: ok(ANOMALY) },
    },
    '/api/v1/anomalies/{id}/mute': {
      post: {
        summary:
          'Mute an anomaly and its scope: anomalies of the scope that begin before the mute ends are stored muted',
        parameters: [id],
        requestBody: {
          content: {
            'application/json': {
              schema: { type: 'object', description: '{until?: instant, days?: number}; default 7 days' },
            },
          },
        },
        responses: ok(ANOMALY),
      },
    },
    '/api/v1/anomalies/{id}/reopen': {
      post: { summary: 'Reopen an acknowledged or muted anomaly', parameters: [id], responses: ok(ANOMALY) },
    },
    '/api/v1/forecast': {
      get: {
        summary: 'Month-end spend of the org or a scope with P10/P50/P90, overrun date and backtest',
        parameters: [
          q('budget', 'A monthly budget in the reporting currency, for projectedOverrunDate'),
          ...DIMENSIONS.map((d) => q(d, `Forecast only these ${d} values`)),
        ],
        responses: ok(
          '{currency, asOf, month, actualToDate, projected: {p10, p50, p90}, budget?, projectedOverrunDate?, method: rhythm|run-rate, baselines: {linearRunRate, velocityRegression}, backtest: {mape, months, byMonth}, days: [{day, actual, expected}]}',
        ),
      },
    },
    '/api/v1/baseline': {
      get: {
        summary: "A scope's daily spend against its expected value and prediction interval",
        parameters: [
          q('dimension', `org (default) or one of ${SCOPE_DIMENSIONS.join(', ')}`),
          q('value', 'The scope value; (none) for unset'),
          q('from', 'Start'),
          q('to', 'End (exclusive)'),
        ],
        responses: ok('{currency, scope, days: [{day, actual, expected, lower, upper, anomalous}]}'),
      },
    },
    '/v1/analyse-spend': {
      post: {
        summary: 'Start a spend analysis, as the hosted analysis service does; answers at once',
        description:
          'Body: {organization_id?, period?: {start, end} | "start/end", period_start?, period_end?, transactions?: [{id, timestamp, service, model, cost_<currency>, tokens_in, tokens_out, user_id, project_id}]}. With transactions, those are analysed (costs converted to the reporting currency) against the ledger days before the first of them (baselines and previous period; from that day on the transactions stand in for the ledger); without, the ledger. Dates include their whole day. The token decides the tenant.',
        responses: {
          202: { description: '{job_id, status: "processing"}' },
          400: { description: 'Invalid body' },
          401: { description: 'Missing or invalid token' },
        },
      },
    },
    '/v1/jobs/{id}/results': {
      get: {
        summary: "A spend analysis's results once complete",
        parameters: [id],
        responses: {
          ...ok(
            '{job_id, status: processing|complete|failed, summary: {total_spend, average_daily_spend, spend_change_percent}, by_user: [{user_id, total_spend, share_percent, transactions, tokens_in, tokens_out}], by_project: [{project_id, total_spend, share_percent, transactions, tokens_out, cost_per_token_out}], anomalies: [{type, project, severity, description}], baseline?: {source: ledger|transactions, history: {start, end}, previous_period: {start, end}, ledger_until} (with posted transactions)}',
          ),
          404: { description: 'No such job' },
        },
      },
    },
  };
}
