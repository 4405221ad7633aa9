import type { z } from 'zod';
import { type SubscriptionSettings, subscriptionSettingsSchema } from '../../config/subscriptions.ts';
import type { Principal } from '../../domain/access.ts';
import { isCurrency } from '../../domain/currency.ts';
import { AppError, type FieldError } from '../../domain/errors.ts';
import type { StoredSubscription } from '../../store/types.ts';
import type { AppContext } from '../context.ts';
import { subscriptionsReady } from './config.ts';

/** A stored subscription with its definition validated. */
export interface Subscription {
  row: StoredSubscription;
  settings: SubscriptionSettings;
}

/** The org's subscriptions, config and API alike, in id order. */
export async function listSubscriptions(ctx: AppContext, org: string): Promise<Subscription[]> {
  await subscriptionsReady(ctx, org);
  const rows = await ctx.subscriptions.listSubscriptions(org);
  return rows.map((row) => ({ row, settings: subscriptionSettingsSchema.parse(row.definition) }));
}

async function findSubscription(ctx: AppContext, org: string, id: string): Promise<Subscription> {
  const found = (await listSubscriptions(ctx, org)).find((s) => s.row.id === id);
  if (!found) throw new AppError('not_found', `no subscription "${id}"`);
  return found;
}

/** Adds a subscription; its days are spread into the ledger by the caller (see spread.ts). */
export async function createSubscription(
  ctx: AppContext,
  by: Principal,
  raw: unknown,
): Promise<Subscription> {
  const settings = checkCurrency(ctx, parseSettings(raw));
  const prev = (await listSubscriptions(ctx, by.org)).find((s) => s.row.id === settings.id);
  if (prev) {
    throw new AppError(
      'conflict',
      prev.row.origin === 'config'
        ? `subscription "${settings.id}" is managed by spendlens.toml: choose another id`
        : `a subscription "${settings.id}" exists: PUT /api/v1/subscriptions/${settings.id} to change it`,
    );
  }
  const now = ctx.now();
  const row: StoredSubscription = {
    org: by.org,
    id: settings.id,
    origin: 'api',
    definition: stored(settings),
    createdAt: now,
    updatedAt: now,
  };
  await ctx.subscriptions.putSubscription(row);
  await audit(ctx, by, 'subscription.create', settings);
  return { row, settings };
}

/** Replaces an API subscription's definition; the id comes from the path and cannot change. */
export async function updateSubscription(
  ctx: AppContext,
  by: Principal,
  id: string,
  raw: unknown,
): Promise<Subscription> {
  const prev = await findSubscription(ctx, by.org, id);
  refuseConfig(prev, 'change it there');
  const body = raw !== null && typeof raw === 'object' ? { ...(raw as Record<string, unknown>) } : raw;
  if (body !== null && typeof body === 'object' && 'id' in body && body.id !== id) {
    throw invalid([{ path: 'id', message: `must be "${id}" (a subscription's id cannot change)` }]);
  }
  const settings = checkCurrency(
    ctx,
    parseSettings(body !== null && typeof body === 'object' ? { ...body, id } : body),
  );
  const row: StoredSubscription = { ...prev.row, definition: stored(settings), updatedAt: ctx.now() };
  await ctx.subscriptions.putSubscription(row);
  await audit(ctx, by, 'subscription.update', settings);
  return { row, settings };
}

/** Removes an API subscription; its days leave the ledger with the next spread. */
export async function deleteSubscription(ctx: AppContext, by: Principal, id: string): Promise<void> {
  const prev = await findSubscription(ctx, by.org, id);
  refuseConfig(prev, 'remove it there');
  await ctx.subscriptions.deleteSubscription(by.org, id);
  await audit(ctx, by, 'subscription.delete', prev.settings);
}

function refuseConfig(s: Subscription, what: string): void {
  if (s.row.origin === 'config') {
    throw new AppError('conflict', `subscription "${s.row.id}" is managed by spendlens.toml: ${what}`);
  }
}

/** A fee in another currency than the reporting one needs a rate to be summed with the rest. */
function checkCurrency(ctx: AppContext, s: SubscriptionSettings): SubscriptionSettings {
  const c = s.currency;
  if (c === undefined || c === ctx.config.currency) return s;
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
  return s;
}

/** A subscription's settings as the JSON document the store keeps. */
function stored(s: SubscriptionSettings): Record<string, unknown> {
  return JSON.parse(JSON.stringify(s)) as Record<string, unknown>;
}

async function audit(ctx: AppContext, by: Principal, action: string, s: SubscriptionSettings) {
  await ctx.audit.addAudit({
    org: by.org,
    at: ctx.now(),
    actor: by.actor,
    action,
    detail: {
      id: s.id,
      vendor: s.vendor,
      plan: s.plan,
      amount: s.amount,
      user: s.user ?? null,
      team: s.team ?? null,
    },
  });
}

function parseSettings(raw: unknown): SubscriptionSettings {
  return parse(subscriptionSettingsSchema, raw);
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
