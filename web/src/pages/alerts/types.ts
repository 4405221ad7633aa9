/** The JSON of `/api/v1/alerts` and `/api/v1/channels`. */

import type { AlertEventKind } from '../../../../src/domain/alerting.ts';

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

export interface Delivery {
  channel: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  lastAttemptAt: string | null;
  error: string | null;
}

export interface Alert {
  id: string;
  event: string;
  severity: string;
  title: string;
  text: string;
  scope: { dimension: string; value: string | null } | null;
  budgetId: string | null;
  /** A dashboard path with its query, e.g. `/budgets?id=ml-monthly`. */
  link: string;
  facts: { label: string; value: string }[];
  createdAt: string;
  deliveries: Delivery[];
}

export interface AlertsResponse {
  alerts: Alert[];
}

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

/** A channel as the API shows it (`ChannelView`): routing and masked hints, never the URL or secret. */
export interface Channel {
  id: string;
  kind: ChannelKind;
  origin: 'config' | 'api';
  /** Unset: every event. */
  events?: string[];
  /** Unset: every scope. */
  scope?: { dimension: string; value: string };
  minSeverity: MinSeverity;
  enabled: boolean;
  to?: string[];
  from?: string;
  urlHint: string | null;
  secretHint: string | null;
}

export interface ChannelsResponse {
  channels: Channel[];
}

/** `POST /api/v1/channels/:id/test`. */
export interface TestAnswer {
  delivered: boolean;
  error?: string;
}
