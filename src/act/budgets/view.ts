/** The budget view lives in the domain, where the dashboard reads it too. */
export type { BudgetMemberView, BudgetState, BudgetStatusView, BudgetView } from '../../domain/alerting.ts';
