import type { AlertEventKind } from '../../config/alerting.ts';

export type AlertSeverity = 'info' | 'low' | 'medium' | 'high' | 'critical';

/** One fact a channel renders: a label and its value as display text (money already formatted). */
export interface AlertFact {
  label: string;
  value: string;
}

/**
 * Something to tell people, before it is stored and delivered. Pure code (budget evaluation,
 * anomaly selection, report building) produces these; `raiseAlert` (src/app/alerts/raise.ts)
 * stores each once by `dedupeKey` and delivers it to the channels routed to it.
 */
export interface AlertEvent {
  kind: AlertEventKind;
  /** Unique per org for the life of the ledger: the same key never alerts twice. */
  dedupeKey: string;
  severity: AlertSeverity;
  /** What the event is about; null for the whole org. Routing matches channels' scopes against it. */
  scope: { dimension: string; value: string } | null;
  /** Further scopes whose channels get the event too: a user's budget alert reaches their team's route. */
  routeAlso?: { dimension: string; value: string }[];
  budgetId?: string;
  /** One line, e.g. `Budget "ML monthly" passed 80%: $412.50 of $500.00`. */
  title: string;
  /** A few sentences in plain text. */
  text: string;
  facts: AlertFact[];
  /** Dashboard path with its query, e.g. `/budgets?id=ml-monthly`; channels prefix the dashboard URL. */
  link: string;
  /** Anything else channels or the webhook body should carry (numbers as strings, ids). */
  data?: Record<string, unknown>;
  /** Extra HTML for email (reports); the plain `text` is always sent too. */
  html?: string;
}
