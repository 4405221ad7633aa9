import Table from 'cli-table3';
import { moneyDisplay } from '../../../act/reports/display.ts';
import { operator } from '../../../app/identity/guard.ts';
import { createSubscription, deleteSubscription } from '../../../app/subscriptions/manage.ts';
import { type SpreadResult, spreadSubscriptions } from '../../../app/subscriptions/spread.ts';
import { listSubscriptionViews, type SubscriptionView } from '../../../app/subscriptions/view.ts';
import { AppError } from '../../../domain/errors.ts';
import { callRemoteAsLocal } from '../remote.ts';
import type { Target } from '../target.ts';

/** A subscription just added, with the day records its spread wrote and removed. */
export type AddedSubscription = SubscriptionView & { spread: SpreadResult };

export interface SubscriptionAddOptions {
  vendor: string;
  plan: string;
  amount: string;
  user?: string;
  team?: string;
  seats?: string;
  start: string;
  end?: string;
  currency?: string;
}

/** `spendlens subscriptions`: every seat and subscription, from the store or through a server. */
export async function subscriptionsList(target: Target): Promise<SubscriptionView[]> {
  if ('remote' in target) {
    const answer = await callRemoteAsLocal(target.remote, 'GET', '/api/v1/subscriptions');
    return (answer as { subscriptions: SubscriptionView[] }).subscriptions;
  }
  return listSubscriptionViews(target.ctx, target.ctx.config.org);
}

/** `spendlens subscriptions add <id>`: adds one and spreads its days into the ledger at once. */
export async function subscriptionsAdd(
  target: Target,
  id: string,
  o: SubscriptionAddOptions,
  now: Date,
): Promise<AddedSubscription> {
  const body = {
    id,
    vendor: o.vendor,
    plan: o.plan,
    amount: o.amount,
    startDate: o.start,
    ...(o.user === undefined ? {} : { user: o.user }),
    ...(o.team === undefined ? {} : { team: o.team }),
    ...(o.seats === undefined ? {} : { seats: o.seats }),
    ...(o.end === undefined ? {} : { endDate: o.end }),
    ...(o.currency === undefined ? {} : { currency: o.currency }),
  };
  if ('remote' in target) {
    return (await callRemoteAsLocal(
      target.remote,
      'POST',
      '/api/v1/subscriptions',
      body,
    )) as AddedSubscription;
  }
  const { ctx } = target;
  const org = ctx.config.org;
  await createSubscription(ctx, operator(org), body);
  const spread = await spreadSubscriptions(ctx, org, now, id);
  const view = (await listSubscriptionViews(ctx, org)).find((s) => s.id === id);
  if (!view) throw new Error(`subscription "${id}" vanished after it was added`);
  return { ...view, spread };
}

/** `spendlens subscriptions remove <id>`: removes one and its days from the ledger. */
export async function subscriptionsRemove(target: Target, id: string, now: Date): Promise<void> {
  if ('remote' in target) {
    await callRemoteAsLocal(target.remote, 'DELETE', `/api/v1/subscriptions/${encodeURIComponent(id)}`);
    return;
  }
  const org = target.ctx.config.org;
  await deleteSubscription(target.ctx, operator(org), id);
  await spreadSubscriptions(target.ctx, org, now, id);
}

/** `spendlens subscriptions spread`: every subscription's days through today, as `serve` writes them hourly. */
export async function subscriptionsSpread(target: Target, now: Date): Promise<SpreadResult> {
  if ('remote' in target) {
    throw new AppError(
      'bad_request',
      'spread runs on the store: a server spreads its subscriptions every hour',
    );
  }
  return spreadSubscriptions(target.ctx, target.ctx.config.org, now);
}

/** The subscriptions as a table: who holds it, the plan, the monthly fee and the days it covers. */
export function renderSubscriptions(list: SubscriptionView[], color: boolean): string {
  if (list.length === 0) {
    return 'No seats or subscriptions yet: spendlens subscriptions add <id> --vendor cursor --plan Pro --amount 20 --user <email> --start <YYYY-MM-DD>, or [[subscriptions]] in spendlens.toml.';
  }
  const table = new Table({
    head: ['Subscription', 'Vendor', 'Plan', 'For', 'Seats', 'Per month', 'From', 'Until'],
    style: { head: color ? ['cyan'] : [], border: color ? ['grey'] : [] },
    colAligns: ['left', 'left', 'left', 'left', 'right', 'right', 'left', 'left'],
  });
  for (const s of list) {
    table.push([
      s.origin === 'config' ? `${s.id} (config)` : s.id,
      s.vendor,
      s.plan,
      s.team !== null ? `team ${s.team}` : (s.ledgerUser ?? ''),
      s.seats === null ? '' : String(s.seats),
      moneyDisplay(s.monthlyTotal, s.currency),
      s.startDate,
      s.endDate ?? '',
    ]);
  }
  return table.toString();
}

/** One line on what adding a subscription wrote into the ledger. */
export function spreadNote(s: AddedSubscription): string {
  const days = (n: number) => `${n} day${n === 1 ? '' : 's'}`;
  return `${s.id}: ${days(s.spread.written)} written to the ledger (source "subscriptions", service "seat")${
    s.spread.removed > 0 ? `, ${days(s.spread.removed)} removed` : ''
  }.`;
}
