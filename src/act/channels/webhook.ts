import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AlertEvent } from '../alerts/event.ts';
import { type HttpChannelDeps, postJson } from './http.ts';
import type { Channel, OutgoingAlert } from './index.ts';

const TIMESTAMP_HEADER = 'X-Spendlens-Timestamp';
const SIGNATURE_HEADER = 'X-Spendlens-Signature';

/**
 * POSTs the alert as JSON: `{event, severity, title, text, facts, scope, link, data, alertId, createdAt}`.
 * With a signing secret, `X-Spendlens-Timestamp` (Unix seconds) and `X-Spendlens-Signature: v1=<hex>`
 * (HMAC-SHA256 of `<timestamp>.<body>`) let the receiver check it came from this spendlens; see
 * `verifySignature` and docs/webhooks.md.
 */
export function webhookChannel(target: { url: string; secret?: string }, deps: HttpChannelDeps): Channel {
  return {
    kind: 'webhook',
    async send(event, alert) {
      const body = JSON.stringify(webhookBody(event, alert));
      const timestamp = String(Math.floor(deps.now().getTime() / 1000));
      const headers: Record<string, string> = { [TIMESTAMP_HEADER]: timestamp };
      if (target.secret) headers[SIGNATURE_HEADER] = `v1=${sign(target.secret, timestamp, body)}`;
      await postJson(deps, 'webhook', target.url, body, headers);
    },
  };
}

function webhookBody(event: AlertEvent, alert: OutgoingAlert) {
  return {
    event: event.kind,
    severity: event.severity,
    title: event.title,
    text: event.text,
    facts: event.facts,
    scope: event.scope,
    link: alert.link,
    data: event.data ?? {},
    alertId: alert.id,
    createdAt: alert.createdAt.toISOString(),
  };
}

/** The hex HMAC-SHA256 of `<timestamp>.<body>` under the channel's secret. */
function sign(secret: string, timestamp: string, body: string | Buffer): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
}

/**
 * For receivers: true when `signature` (the `X-Spendlens-Signature` header) matches the raw request
 * `body` and `timestamp` (the `X-Spendlens-Timestamp` header) under `secret`, and the timestamp is
 * within `toleranceSeconds` of `now` (default 5 minutes), so a captured request cannot be replayed
 * later. Verify the bytes as received, before parsing the JSON.
 */
export function verifySignature(input: {
  secret: string;
  body: string | Buffer;
  timestamp: string | undefined;
  signature: string | undefined;
  now?: Date;
  toleranceSeconds?: number;
}): boolean {
  const { secret, body, timestamp, signature } = input;
  if (!timestamp || !signature || !/^\d{1,12}$/.test(timestamp)) return false;
  const age = Math.abs((input.now ?? new Date()).getTime() / 1000 - Number(timestamp));
  if (age > (input.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(sign(secret, timestamp, body), 'hex');
  // why: a header may carry several `v1=` values while a receiver rotates its secret.
  return signature.split(',').some((part) => {
    const hex = /^\s*v1=([0-9a-f]{64})\s*$/i.exec(part)?.[1];
    return hex !== undefined && timingSafeEqual(Buffer.from(hex, 'hex'), expected);
  });
}
