/** The JSON of `/api/v1/budgets` (as `src/app/budgets/view.ts` writes it); money as decimal strings. */

export const BUDGET_PERIODS = ['day', 'week', 'month'] as const;
export type BudgetPeriod = (typeof BUDGET_PERIODS)[number];
export type BudgetState = 'ok' | 'warning' | 'projected_to_exceed' | 'exceeded';

/** The whole org, or one value of a dimension (`tag:<key>` for a tag). */
export interface BudgetScope {
  dimension: string;
  value?: string;
}

export interface BudgetStatus {
  periodStart: string;
  /** Exclusive end of the period: when the budget resets. */
  periodEnd: string;
  spent: string;
  percent: number;
  projected: string;
  projectedLow: string | null;
  projectedHigh: string | null;
  /** YYYY-MM-DD in the configured timezone, or null when the projection stays under the amount. */
  projectedOverrunDate: string | null;
  state: BudgetState;
  crossed: number[];
}

export interface Budget {
  id: string;
  name: string;
  origin: 'config' | 'api';
  scope: BudgetScope;
  period: BudgetPeriod;
  amount: string;
  currency: string;
  thresholds: number[];
  alertOnForecast: boolean;
  status: BudgetStatus;
}

export interface BudgetsResponse {
  budgets: Budget[];
}

export const STATE_LABELS: Record<BudgetState, string> = {
  ok: 'On track',
  warning: 'Warning',
  projected_to_exceed: 'Projected to exceed',
  exceeded: 'Exceeded',
};

export const PERIOD_LABELS: Record<BudgetPeriod, string> = {
  day: 'Daily',
  week: 'Weekly',
  month: 'Monthly',
};

/** "Whole org", "team ml", "tag env = prod". */
export function scopeLabel(scope: BudgetScope): string {
  if (scope.dimension === 'org') return 'Whole org';
  if (scope.dimension.startsWith('tag:')) return `tag ${scope.dimension.slice(4)} = ${scope.value ?? ''}`;
  return `${scope.dimension} ${scope.value ?? ''}`;
}
