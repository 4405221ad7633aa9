/** The JSON of `/api/v1/alerts` and `/api/v1/channels`. */

import type { z } from 'zod';
import type { AlertEventKind } from '../../../../src/domain/alerting.ts';
import type {
  AlertList,
  Alert as AlertSchema,
  ChannelList,
  Channel as ChannelSchema,
  ChannelTest,
} from '../../../../src/domain/api/alerting.ts';

export { ALERT_EVENTS, type AlertEventKind } from '../../../../src/domain/alerting.ts';

export const EVENT_LABELS: Record<AlertEventKind, string> = {
  threshold_crossed: 'Threshold crossed',
  budget_exceeded: 'Budget exceeded',
  projected_to_exceed: 'Projected to exceed',
  anomaly_detected: 'Anomaly detected',
  intraday_spike: 'Intraday spike',
  source_failing: 'Source failing',
  source_recovered: 'Source recovered',
  daily_summary: 'Daily summary',
  weekly_report: 'Weekly report',
  test: 'Test message',
};

export function eventLabel(event: string): string {
  return EVENT_LABELS[event as AlertEventKind] ?? event;
}

// The answers are the contract's types (src/domain/api), not copies of them.
export type Alert = z.infer<typeof AlertSchema>;
export type Delivery = Alert['deliveries'][number];
export type AlertsResponse = z.infer<typeof AlertList>;

export const CHANNEL_KINDS = ['slack', 'webhook', 'email', 'log'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

export const CHANNEL_LABELS: Record<ChannelKind, string> = {
  slack: 'Slack',
  webhook: 'Webhook',
  email: 'Email',
  log: 'Log line',
};

export const MIN_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type MinSeverity = (typeof MIN_SEVERITIES)[number];

/** A channel as the API shows it: routing and masked hints, never the URL or secret. */
export type Channel = z.infer<typeof ChannelSchema>;
export type ChannelsResponse = z.infer<typeof ChannelList>;
/** `POST /api/v1/channels/:id/test`. */
export type TestAnswer = z.infer<typeof ChannelTest>;
