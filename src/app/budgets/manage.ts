import type { z } from 'zod';
import { type BudgetSettings, budgetSettingsSchema } from '../../config/alerting.ts';
import type { Principal } from '../../domain/access.ts';
import { isCurrency } from '../../domain/currency.ts';
import { AppError, type FieldError } from '../../domain/errors.ts';
import type { StoredBudget } from '../../store/types.ts';
import { canSeeScope, requireManageScope } from '../access/scope.ts';
import type { AppContext } from '../context.ts';
import { budgetsReady, storedDefinition } from './config.ts';

/** `PUT /api/v1/budgets/:id`: the definition in full; the id comes from the path. */
export const updateSchema = budgetSettingsSchema.omit({ id: true });

/** A stored budget with its definition validated. */
export interface Budget {
  row: StoredBudget;
  settings: BudgetSettings;
}

/** The org's budgets, config and API alike, in id order. */
export async function listBudgets(ctx: AppContext, org: string): Promise<Budget[]> {
  await budgetsReady(ctx, org);
  const rows = await ctx.alerting.listBudgets(org);
  return rows
    .map((row) => ({ row, settings: budgetSettingsSchema.parse(row.definition) }))
    .sort((a, b) => (a.row.id < b.row.id ? -1 : 1));
}

export async function findBudget(ctx: AppContext, org: string, id: string): Promise<Budget> {
  const found = (await listBudgets(ctx, org)).find((b) => b.row.id === id);
  if (!found) throw new AppError('not_found', `no budget "${id}"`);
  return found;
}

/** Creates an API budget; a team lead only for a team they lead. */
export async function createBudget(ctx: AppContext, by: Principal, raw: unknown): Promise<Budget> {
  const { org, actor } = by;
  const settings = checkCurrency(ctx, parse(budgetSettingsSchema, raw));
  requireManageScope(by, 'manage_budgets', settings.scope, 'a budget');
  const prev = (await listBudgets(ctx, org)).find((b) => b.row.id === settings.id);
  if (prev && !canSeeScope(by, prev.settings.scope)) {
    throw new AppError('conflict', `the budget id "${settings.id}" is taken: choose another`);
  }
  if (prev) {
    throw new AppError(
      'conflict',
      prev.row.origin === 'config'
        ? `budget "${settings.id}" is managed by spendlens.toml: choose another id`
        : `a budget "${settings.id}" exists: PUT /api/v1/budgets/${settings.id} to change it`,
    );
  }
  const now = ctx.now();
  const row: StoredBudget = {
    org,
    id: settings.id,
    origin: 'api',
    definition: storedDefinition(settings),
    createdAt: now,
    updatedAt: now,
  };
  await ctx.alerting.putBudget(row);
  await audit(ctx, org, actor, 'budget.create', settings);
  return { row, settings };
}

/** Replaces an API budget's definition; a budget from spendlens.toml is changed there only. */
export async function updateBudget(
  ctx: AppContext,
  by: Principal,
  id: string,
  raw: unknown,
): Promise<Budget> {
  const { org, actor } = by;
  const prev = await findManaged(ctx, by, id);
  refuseConfig(prev, 'change it there');
  const body = raw !== null && typeof raw === 'object' ? { ...(raw as Record<string, unknown>) } : raw;
  if (body !== null && typeof body === 'object' && 'id' in body) {
    if (body.id !== id)
      throw invalid([{ path: 'id', message: `must be "${id}" (a budget's id cannot change)` }]);
    delete body.id;
  }
  const settings = checkCurrency(ctx, { ...parse(updateSchema, body), id });
  requireManageScope(by, 'manage_budgets', settings.scope, 'a budget');
  const row: StoredBudget = { ...prev.row, definition: storedDefinition(settings), updatedAt: ctx.now() };
  await ctx.alerting.putBudget(row);
  await audit(ctx, org, actor, 'budget.update', settings);
  return { row, settings };
}

export async function deleteBudget(ctx: AppContext, by: Principal, id: string): Promise<void> {
  const { org, actor } = by;
  const prev = await findManaged(ctx, by, id);
  refuseConfig(prev, 'remove it there');
  await ctx.alerting.deleteBudget(org, id);
  await audit(ctx, org, actor, 'budget.delete', prev.settings);
}

/** A budget `by` may see (else not found) and change (else forbidden). */
async function findManaged(ctx: AppContext, by: Principal, id: string): Promise<Budget> {
  const found = await findBudget(ctx, by.org, id);
  if (!canSeeScope(by, found.settings.scope)) throw new AppError('not_found', `no budget "${id}"`);
  requireManageScope(by, 'manage_budgets', found.settings.scope, `budget "${id}"`);
  return found;
}

function refuseConfig(budget: Budget, what: string): void {
  if (budget.row.origin === 'config') {
    throw new AppError('conflict', `budget "${budget.row.id}" is managed by spendlens.toml: ${what}`);
  }
}

/** A budget in another currency than the reporting one needs a rate to compare spend against it. */
function checkCurrency(ctx: AppContext, settings: BudgetSettings): BudgetSettings {
  const c = settings.currency;
  if (c === undefined || c === ctx.config.currency) return settings;
  if (!isCurrency(c))
    throw invalid([{ path: 'currency', message: 'must be an ISO 4217 currency code such as "USD"' }]);
  if (!(c in ctx.config.rates)) {
    throw invalid([
      {
        path: 'currency',
        message: `no exchange rate for ${c}: add rates.${c} to spendlens.toml, or leave it out`,
      },
    ]);
  }
  return settings;
}

async function audit(ctx: AppContext, org: string, actor: string, action: string, s: BudgetSettings) {
  await ctx.audit.addAudit({
    org,
    at: ctx.now(),
    actor,
    action,
    detail: { id: s.id, scope: s.scope, period: s.period, amount: s.amount, currency: s.currency ?? null },
  });
}

function parse<T extends z.ZodType>(schema: T, raw: unknown): z.output<T> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw invalid(
    parsed.error.issues.flatMap((i) =>
      i.code === 'unrecognized_keys'
        ? i.keys.map((k) => ({ path: [...i.path, k].join('.'), message: 'unknown field' }))
        : [{ path: i.path.map(String).join('.') || '(body)', message: i.message }],
    ),
  );
}

function invalid(errors: FieldError[]): AppError {
  return new AppError('validation_failed', errors.map((e) => `${e.path}: ${e.message}`).join('; '), {
    errors,
  });
}
