import { evaluate } from '../../act/budgets/evaluate.ts';
import type { BudgetSettings } from '../../config/alerting.ts';
import { AppError } from '../../domain/errors.ts';
import type { Visibility } from '../../store/types.ts';
import { scopeVisible } from '../access/scope.ts';
import type { AppContext } from '../context.ts';
import { budgetInputs } from './inputs.ts';
import { type Budget, findBudget, listBudgets } from './manage.ts';
import { memberInputs } from './members.ts';
import type { BudgetMemberView, BudgetView } from './view.ts';

/** Every budget of the configured org with its live status at `at` (the reports and the alert job use this). */
export function listBudgetStatuses(ctx: AppContext, at: Date): Promise<BudgetView[]> {
  return listBudgetViews(ctx, ctx.config.org, at);
}

/** An org's budgets with their status at `at`, in id order; with a visibility, only those about scopes it sees. */
export async function listBudgetViews(
  ctx: AppContext,
  org: string,
  at: Date,
  visibility?: Visibility,
): Promise<BudgetView[]> {
  const budgets = (await listBudgets(ctx, org)).filter((b) => scopeVisible(visibility, b.settings.scope));
  return Promise.all(budgets.map((b) => budgetView(ctx, org, b, at)));
}

export async function getBudgetView(
  ctx: AppContext,
  org: string,
  id: string,
  at: Date,
  visibility?: Visibility,
): Promise<BudgetView> {
  const budget = await findBudget(ctx, org, id);
  if (!scopeVisible(visibility, budget.settings.scope)) throw new AppError('not_found', `no budget "${id}"`);
  return budgetView(ctx, org, budget, at);
}

/** A budget as the API, CLI, dashboard and reports show it, with its status at `at`. */
export async function budgetView(
  ctx: AppContext,
  org: string,
  budget: Budget,
  at: Date,
): Promise<BudgetView> {
  const s = budget.settings;
  const definition = {
    id: s.id,
    name: s.name ?? s.id,
    origin: budget.row.origin,
    scope: s.scope,
    period: s.period,
    amount: s.amount,
    currency: s.currency ?? ctx.config.currency,
    thresholds: s.thresholds,
    alertOnForecast: s.alertOnForecast,
    ...(s.enforce ? { enforce: s.enforce } : {}),
  };
  if (s.scope.each !== true) {
    return { ...definition, status: evaluate(s, await budgetInputs(ctx, org, s, at), at) };
  }
  const members = await memberViews(ctx, org, s, at);
  const status =
    members[0]?.status ?? evaluate(s, { tz: ctx.config.timezone, days: [], projection: NOTHING }, at);
  return { ...definition, status, members };
}

const NOTHING = { method: 'run-rate', trailingMicros: 0n } as const;

/** Each value of a budget of every value that spent this period, judged alone, furthest along first. */
async function memberViews(
  ctx: AppContext,
  org: string,
  s: BudgetSettings,
  at: Date,
): Promise<BudgetMemberView[]> {
  const members = (await memberInputs(ctx, org, s, at)).map((m) => ({
    value: m.value,
    team: m.team,
    status: evaluate(s, m.inputs, at),
  }));
  return members.sort((a, b) => b.status.percent - a.status.percent || (a.value < b.value ? -1 : 1));
}
