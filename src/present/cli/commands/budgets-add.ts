import { withBudgetId } from '../../../app/budgets/budget-id.ts';
import { createBudget } from '../../../app/budgets/manage.ts';
import { budgetView } from '../../../app/budgets/status.ts';
import type { BudgetView } from '../../../app/budgets/view.ts';
import { operator } from '../../../app/identity/guard.ts';
import type { BudgetScope } from '../../../config/alerting.ts';
import { AppError } from '../../../domain/errors.ts';
import { callRemoteAsLocal } from '../remote.ts';
import type { Target } from '../target.ts';

export interface BudgetAddOptions {
  amount: string;
  period?: string;
  scope?: string;
  id?: string;
  currency?: string;
}

/**
 * `spendlens budgets add <name>`: creates a budget, its id derived from the name unless `--id` gives one,
 * on the store as the local operator or through a server; answers the budget with its live status.
 */
export async function budgetsAdd(
  target: Target,
  name: string,
  options: BudgetAddOptions,
  now: Date,
): Promise<BudgetView> {
  const body = {
    ...(options.id === undefined ? {} : { id: options.id }),
    name,
    amount: options.amount,
    period: options.period ?? 'month',
    scope: scopeOption(options.scope ?? 'org'),
    ...(options.currency === undefined ? {} : { currency: options.currency }),
  };
  if ('remote' in target) {
    return (await callRemoteAsLocal(target.remote, 'POST', '/api/v1/budgets', body)) as BudgetView;
  }
  const { ctx } = target;
  const org = ctx.config.org;
  const budget = await createBudget(ctx, operator(org), await withBudgetId(ctx, org, body));
  return budgetView(ctx, org, budget, now);
}

/** `--scope`: `org`, `team=ml` (one value), `user=*` (each value on its own), `tag:env=prod`. */
function scopeOption(text: string): BudgetScope {
  if (text === 'org') return { dimension: 'org' };
  const match = /^([^=\s]+)=(.+)$/.exec(text);
  if (!match?.[1] || !match[2])
    throw new AppError(
      'bad_request',
      `--scope ${text}: use org, team=ml, user=* (each user) or tag:env=prod`,
    );
  const [, dimension, value] = match;
  return value === '*' ? { dimension, each: true } : { dimension, value };
}
