/** What budgets and alerts are, as the API, the CLI and the dashboard show them (no behaviour here). */

export const BUDGET_PERIODS = ['day', 'week', 'month'] as const;
export type BudgetPeriod = (typeof BUDGET_PERIODS)[number];

/**
 * The whole org (`dimension: "org"`), one value of a dimension (`tag:<key>` for a tag), or every value of
 * a dimension (`each: true`), each judged on its own.
 */
export interface BudgetScope {
  dimension: string;
  value?: string;
  each?: boolean;
}

export const ALERT_EVENTS = [
  'threshold_crossed',
  'budget_exceeded',
  'projected_to_exceed',
  'anomaly_detected',
  'intraday_spike',
  'source_failing',
  'source_recovered',
  'daily_summary',
  'weekly_report',
  'test',
] as const;
export type AlertEventKind = (typeof ALERT_EVENTS)[number];

export type BudgetState = 'ok' | 'warning' | 'projected_to_exceed' | 'exceeded';

/** A budget's live status in its current period. Money is a decimal string in the budget's currency. */
export interface BudgetStatusView {
  periodStart: string;
  /** Exclusive end of the period: when the budget resets. */
  periodEnd: string;
  spent: string;
  /** Spent as a percent of the amount, one decimal. */
  percent: number;
  /** Projected end-of-period spend (P50), with its P10–P90 band when the forecast has one. */
  projected: string;
  projectedLow: string | null;
  projectedHigh: string | null;
  /** The day (YYYY-MM-DD, in the configured timezone) the projection crosses the amount; null if it does not. */
  projectedOverrunDate: string | null;
  state: BudgetState;
  /** Thresholds (percent) already crossed this period. */
  crossed: number[];
}

/** A budget as the API, CLI, dashboard and reports show it. */
export interface BudgetView {
  id: string;
  name: string;
  origin: 'config' | 'api';
  scope: BudgetScope;
  period: BudgetPeriod;
  amount: string;
  currency: string;
  thresholds: number[];
  alertOnForecast: boolean;
  /** What the gateway does with calls in its scope: "hard" refuses them past the amount; absent: nothing. */
  enforce?: 'soft' | 'hard';
  /** For a budget of every value (`scope.each`): the member furthest along; else the budget's own. */
  status: BudgetStatusView;
  /** For a budget of every value: each value with spend this period, furthest along first. */
  members?: BudgetMemberView[];
}

/** One value of a budget of every value (a user of "every user at most $X"), with its own status. */
export interface BudgetMemberView {
  value: string;
  /** The team most of its spend this period is attributed to, for routing its alerts; null if none. */
  team: string | null;
  status: BudgetStatusView;
}
