import { attributeRecord } from '../../attribute/index.ts';
import type { SubscriptionSettings } from '../../config/subscriptions.ts';
import { decimalToScaled } from '../../domain/money.ts';
import type { UsageRecord } from '../../domain/record.ts';
import {
  nextDay,
  SEAT_SERVICE,
  SUBSCRIPTION_SOURCE,
  spreadMonthly,
  vendorProvider,
} from '../../domain/subscriptions.ts';
import type { StoredUser } from '../../store/types.ts';
import type { AppContext } from '../context.ts';

/** What a subscription charges per month, and to whom in the ledger. */
interface Charge {
  settings: SubscriptionSettings;
  /** The ledger's `user` value: an account's usage user (its email by default), or the name as given. */
  user: string | null;
  team: string | null;
  monthlyMicros: bigint;
  currency: string;
}

/** A subscription's monthly total in micro-units: its amount, times its seats for a team's seats. */
function monthlyMicros(s: SubscriptionSettings): bigint {
  return (decimalToScaled(s.amount, 6) ?? 0n) * BigInt(s.seats ?? 1);
}

/**
 * Whom a subscription charges: `user` names an account by id or email (as sign-in and the users API
 * resolve them) and becomes that account's usage user; a name that is no account is the ledger's
 * `user` as written (someone who never signs in).
 */
export function chargeOf(ctx: AppContext, s: SubscriptionSettings, users: StoredUser[]): Charge {
  const wanted = s.user?.toLowerCase();
  const account = wanted === undefined ? undefined : users.find((u) => u.id === s.user || u.email === wanted);
  return {
    settings: s,
    user: account ? (account.usageUser ?? account.email) : (s.user ?? null),
    team: s.team ?? null,
    monthlyMicros: monthlyMicros(s),
    currency: s.currency ?? ctx.config.currency,
  };
}

/** The id of a subscription's record of one day: re-spreading writes the same ids, so it adds nothing. */
const seatRecordId = (subscription: string, day: string) => `subscription:${subscription}:${day}`;

/**
 * A charge's ledger records, one per UTC day from its start to `through` (or its end), each its share of
 * its month's fee. Days that cost nothing (a free plan) write no record. Attribution fills the team of a
 * user's seat as it does for their usage.
 */
export function seatRecords(ctx: AppContext, org: string, charge: Charge, through: string): UsageRecord[] {
  const s = charge.settings;
  const days = spreadMonthly({
    monthlyMicros: charge.monthlyMicros,
    startDate: s.startDate,
    endDate: s.endDate ?? null,
    through,
  });
  return days
    .filter((d) => d.micros > 0n)
    .map((d) =>
      attributeRecord(
        {
          id: seatRecordId(s.id, d.day),
          org,
          source: SUBSCRIPTION_SOURCE,
          timestamp: new Date(`${d.day}T00:00:00Z`),
          endTimestamp: new Date(`${nextDay(d.day)}T00:00:00Z`),
          provider: vendorProvider(s.vendor),
          service: SEAT_SERVICE,
          model: s.plan,
          user: charge.user,
          team: charge.team,
          project: null,
          apiKey: null,
          context: null,
          tags: { costKind: 'subscription', subscription: s.id, vendor: s.vendor },
          inputTokens: 0,
          outputTokens: 0,
          cacheReadTokens: 0,
          cacheWriteTokens: 0,
          reasoningTokens: 0,
          requests: 0,
          costMicros: Number(d.micros),
          currency: charge.currency,
          costKind: 'billed',
        },
        ctx.attribution,
      ),
    );
}
