/** The JSON of `/api/v1/budgets` (as `src/app/budgets/view.ts` writes it); money as decimal strings. */

import type {
  BudgetMemberView,
  BudgetPeriod,
  BudgetScope,
  BudgetState,
  BudgetStatusView,
  BudgetView,
} from '../../../../src/domain/alerting.ts';

export {
  BUDGET_PERIODS,
  type BudgetPeriod,
  type BudgetScope,
  type BudgetState,
} from '../../../../src/domain/alerting.ts';
export type BudgetStatus = BudgetStatusView;
export type Budget = BudgetView;
export type BudgetMember = BudgetMemberView;

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

/** "Whole org", "team ml", "tag env = prod", "every user". */
export function scopeLabel(scope: BudgetScope): string {
  if (scope.dimension === 'org') return 'Whole org';
  if (scope.each) {
    const what = scope.dimension.startsWith('tag:') ? `tag ${scope.dimension.slice(4)}` : scope.dimension;
    return `every ${what}, each on its own`;
  }
  if (scope.dimension.startsWith('tag:')) return `tag ${scope.dimension.slice(4)} = ${scope.value ?? ''}`;
  return `${scope.dimension} ${scope.value ?? ''}`;
}
