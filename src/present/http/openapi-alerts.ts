import { ALERT_EVENTS, CHANNEL_KINDS } from '../../config/alerting.ts';

const id = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const ok = (description: string) => ({
  200: { description },
  401: { description: 'Missing or invalid bearer token' },
});
const CHANNEL =
  '{id, kind, origin: config|api, to?, from?, events?, scope?: {dimension, value}, minSeverity, enabled, urlHint, secretHint, urlEnv?, secretEnv?, createdAt, updatedAt}';

/** The OpenAPI paths of the alert history and the alert channels. */
export function alertPaths() {
  return {
    '/api/v1/alerts': {
      get: {
        summary: 'Alerts raised, newest first, with each channel’s delivery',
        parameters: [
          {
            name: 'limit',
            in: 'query',
            required: false,
            schema: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
          },
          {
            name: 'event',
            in: 'query',
            required: false,
            description: `Only these events (comma list): ${ALERT_EVENTS.join(', ')}`,
            schema: { type: 'string' },
          },
        ],
        responses: ok(
          '{alerts: [{id, event, severity, title, text, scope, budgetId, link, facts: [{label, value}], createdAt, deliveries: [{channel, status: pending|delivered|failed, attempts, lastAttemptAt, error}]}]}',
        ),
      },
    },
    '/api/v1/alerts/{id}': { get: { summary: 'One alert', parameters: [id], responses: ok('the alert') } },
    '/api/v1/channels': {
      get: { summary: 'Alert channels and their routing', responses: ok(`{channels: [${CHANNEL}]}`) },
      post: {
        summary: `Add a channel (${CHANNEL_KINDS.join(', ')}); its URL and secret are write-only`,
        description:
          'Body: {id, kind, url? (slack, webhook), secret? (webhook signing secret), to? (email), from?, events? (default: all but test), scope? (only alerts about this scope), minSeverity? (anomalies; default high), enabled?}. The URL and secret are encrypted at rest and never returned: answers carry urlHint and secretHint. Webhook bodies are signed: X-Spendlens-Signature: v1=<hex HMAC-SHA256 of "<X-Spendlens-Timestamp>.<body>">.',
        responses: {
          201: { description: CHANNEL },
          400: { description: 'Invalid settings' },
          409: { description: 'Exists' },
        },
      },
    },
    '/api/v1/channels/{id}': {
      get: { summary: 'One channel', parameters: [id], responses: ok(CHANNEL) },
      put: {
        summary: "Replace an API channel's settings; send url or secret only to change them",
        parameters: [id],
        responses: { ...ok(CHANNEL), 409: { description: 'Defined in spendlens.toml' } },
      },
      delete: {
        summary: 'Remove an API channel (its alert history stays)',
        parameters: [id],
        responses: { 204: { description: 'Removed' }, 409: { description: 'Defined in spendlens.toml' } },
      },
    },
    '/api/v1/channels/{id}/test': {
      post: {
        summary: 'Send a test message on the channel now',
        parameters: [id],
        responses: ok('{delivered, error?}'),
      },
    },
  };
}
