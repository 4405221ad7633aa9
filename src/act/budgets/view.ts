/** The budget view lives in the domain, where the dashboard reads it too. */
export type { BudgetState, BudgetStatusView, BudgetView } from '../../domain/alerting.ts';
