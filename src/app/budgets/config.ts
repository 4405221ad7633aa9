import type { BudgetSettings } from '../../config/alerting.ts';
import { AppError } from '../../domain/errors.ts';
import type { StoredBudget } from '../../store/types.ts';
import type { AppContext } from '../context.ts';

/**
 * Writes spendlens.toml's budgets into the store once per context, before the first use of budgets, so
 * the API, the CLI and the alert job see every budget alike. The file's budgets belong to the configured
 * org; other orgs only have API budgets. A failed sync is tried again on the next use.
 */
export function budgetsReady(ctx: AppContext, org: string): Promise<void> {
  if (org !== ctx.config.org) return Promise.resolve();
  const { state } = ctx;
  state.budgetsSynced ??= syncConfigBudgets(ctx).catch((error: unknown) => {
    state.budgetsSynced = null;
    throw error;
  });
  return state.budgetsSynced;
}

/** Upserts the file's budgets with origin `config` and removes config budgets that left the file. */
async function syncConfigBudgets(ctx: AppContext): Promise<void> {
  const org = ctx.config.org;
  const stored = await ctx.alerting.listBudgets(org);
  const now = ctx.now();
  for (const b of ctx.config.budgets) {
    const prev = stored.find((x) => x.id === b.id);
    if (prev?.origin === 'api') {
      throw new AppError(
        'config_invalid',
        `budget "${b.id}" is defined in spendlens.toml and through the API: rename one`,
      );
    }
    const definition = storedDefinition(b);
    if (prev && JSON.stringify(prev.definition) === JSON.stringify(definition)) continue;
    const row: StoredBudget = {
      org,
      id: b.id,
      origin: 'config',
      definition,
      createdAt: prev?.createdAt ?? now,
      updatedAt: now,
    };
    await ctx.alerting.putBudget(row);
  }
  const listed = new Set(ctx.config.budgets.map((b) => b.id));
  for (const gone of stored.filter((x) => x.origin === 'config' && !listed.has(x.id))) {
    await ctx.alerting.deleteBudget(org, gone.id);
  }
}

/** A budget's settings as the JSON document the store keeps. */
export function storedDefinition(settings: BudgetSettings): Record<string, unknown> {
  return JSON.parse(JSON.stringify(settings)) as Record<string, unknown>;
}
