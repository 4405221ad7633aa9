/** Stored budgets, channels, alerts, reports: the rows the alerting methods of `Store` read and write. */

/** A budget as stored: its definition is the JSON of `BudgetSettings` (src/config/alerting.ts). */
export interface StoredBudget {
  org: string;
  id: string;
  origin: 'config' | 'api';
  definition: Record<string, unknown>;
  createdAt: Date;
  updatedAt: Date;
}

/** An alert channel as stored; `secret` is the AES-256-GCM ciphertext of its URL/password JSON. */
export interface StoredChannel {
  org: string;
  id: string;
  kind: string;
  origin: 'config' | 'api';
  settings: Record<string, unknown>;
  secret: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** One channel's delivery of one alert. */
export interface AlertDelivery {
  channel: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  lastAttemptAt: string | null;
  error: string | null;
}

/**
 * An alert raised once: `dedupeKey` is unique per org (e.g. `budget:ml-monthly:80:2026-11-01`), so
 * the same crossing never alerts twice, across restarts and instances.
 */
export interface StoredAlert {
  org: string;
  id: string;
  dedupeKey: string;
  /** An `AlertEventKind`. */
  event: string;
  severity: string;
  scopeDimension: string | null;
  scopeValue: string | null;
  budgetId: string | null;
  title: string;
  /** The event's numbers and links, as the channels render them. */
  payload: Record<string, unknown>;
  deliveries: AlertDelivery[];
  createdAt: Date;
}

/** Alerts newest first; `from` bounds createdAt. */
export interface AlertQuery {
  org: string;
  from?: Date;
  events?: string[];
  limit: number;
}

/** An archived report (read-only once written): `report-2026-W47` or `daily-2026-11-22`. */
export interface StoredReport {
  org: string;
  id: string;
  kind: 'daily' | 'weekly';
  periodStart: Date;
  periodEnd: Date;
  createdAt: Date;
  /** The report's numbers as JSON; HTML and CSV are rendered from it. */
  content: Record<string, unknown>;
}

/** Budgets, alert channels, raised alerts, archived reports and the scheduler's last runs. */
export interface AlertingRepo {
  putBudget(budget: StoredBudget): Promise<void>;
  listBudgets(org: string | null): Promise<StoredBudget[]>;
  deleteBudget(org: string, id: string): Promise<boolean>;
  putChannel(channel: StoredChannel): Promise<void>;
  /** Channels of one org, or of all orgs when `org` is null. */
  listChannels(org: string | null): Promise<StoredChannel[]>;
  deleteChannel(org: string, id: string): Promise<boolean>;
  /** Inserts an alert unless the org already has one with its dedupe key; true when inserted. */
  insertAlert(alert: StoredAlert): Promise<boolean>;
  updateAlertDeliveries(org: string, id: string, deliveries: AlertDelivery[]): Promise<void>;
  listAlerts(query: AlertQuery): Promise<StoredAlert[]>;
  getAlert(org: string, id: string): Promise<StoredAlert | null>;
  /** Archives a report; false (and nothing changed) when the id exists: archives are read-only. */
  insertReport(report: StoredReport): Promise<boolean>;
  getReport(org: string, id: string): Promise<StoredReport | null>;
  /** Reports newest period first, without filtering content out. */
  listReports(query: { org: string; kind?: 'daily' | 'weekly'; limit: number }): Promise<StoredReport[]>;
  /** Retention: deletes reports created before `before`; returns how many. */
  deleteReportsBefore(org: string, before: Date): Promise<number>;
  /** When the scheduled job `name` last completed (for catch-up after downtime). */
  getJobRun(org: string, name: string): Promise<Date | null>;
  putJobRun(org: string, name: string, at: Date): Promise<void>;
}
