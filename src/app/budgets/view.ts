/** The budget view is decided in src/act/budgets; the app layer and its callers import it from here. */
export type { BudgetMemberView, BudgetState, BudgetStatusView, BudgetView } from '../../act/budgets/view.ts';
