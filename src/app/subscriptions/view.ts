import { formatMicros } from '../../domain/money.ts';
import type { Visibility } from '../../store/types.ts';
import { scopeVisible } from '../access/scope.ts';
import type { AppContext } from '../context.ts';
import { listSubscriptions, type Subscription } from './manage.ts';
import { chargeOf, type Directory, readDirectory } from './records.ts';

/** A subscription as the API, CLI and dashboard show it. */
export interface SubscriptionView {
  id: string;
  origin: 'config' | 'api';
  vendor: string;
  plan: string;
  /** Per month: per seat when `seats` is set, else the whole fee. */
  amount: string;
  currency: string;
  user: string | null;
  team: string | null;
  seats: number | null;
  /** The `user` value its days carry in the ledger (an account's usage user), null for a team's. */
  ledgerUser: string | null;
  /** A team's members (usage users) holding its seats, whose spend counts one seat each; the rest is the team's. */
  seatHolders: string[];
  /** What it costs a month in full: amount × seats, six decimals. */
  monthlyTotal: string;
  startDate: string;
  /** The last day paid for; null while it runs. */
  endDate: string | null;
  createdAt: string;
  updatedAt: string;
}

/** The org's subscriptions as views in id order; with a visibility, only those of teams or people it sees. */
export async function listSubscriptionViews(
  ctx: AppContext,
  org: string,
  visibility?: Visibility,
): Promise<SubscriptionView[]> {
  const [subscriptions, directory] = await Promise.all([
    listSubscriptions(ctx, org),
    readDirectory(ctx, org),
  ]);
  return subscriptions
    .map((s) => subscriptionView(ctx, s, directory))
    .filter((v) =>
      v.team !== null
        ? scopeVisible(visibility, { dimension: 'team', value: v.team })
        : scopeVisible(visibility, { dimension: 'user', value: v.ledgerUser ?? undefined }),
    );
}

/** One subscription's view; the directory names its ledger user and a team's seat holders. */
export function subscriptionView(ctx: AppContext, s: Subscription, directory: Directory): SubscriptionView {
  const charge = chargeOf(ctx, s.settings, directory);
  const { settings } = s;
  return {
    id: settings.id,
    origin: s.row.origin,
    vendor: settings.vendor,
    plan: settings.plan,
    amount: settings.amount,
    currency: charge.currency,
    user: settings.user ?? null,
    team: settings.team ?? null,
    seats: settings.seats ?? null,
    ledgerUser: charge.user,
    seatHolders: charge.holders,
    monthlyTotal: formatMicros(charge.monthlyMicros),
    startDate: settings.startDate,
    endDate: settings.endDate ?? null,
    createdAt: s.row.createdAt.toISOString(),
    updatedAt: s.row.updatedAt.toISOString(),
  };
}
