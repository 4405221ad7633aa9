import { attributeRecord } from '../../attribute/index.ts';
import type { SubscriptionSettings } from '../../config/subscriptions.ts';
import { decimalToScaled } from '../../domain/money.ts';
import type { UsageRecord } from '../../domain/record.ts';
import {
  dayShare,
  nextDay,
  SEAT_SERVICE,
  SUBSCRIPTION_SOURCE,
  spreadMonthly,
  vendorProvider,
} from '../../domain/subscriptions.ts';
import type { StoredTeamMember, StoredUser } from '../../store/types.ts';
import type { AppContext } from '../context.ts';

/** What a subscription charges per month, and to whom in the ledger. */
interface Charge {
  settings: SubscriptionSettings;
  /** The ledger's `user` value: an account's usage user (its email by default), or the name as given. */
  user: string | null;
  team: string | null;
  /** A team's seats held by its members (their usage users), one seat each, at most `seats`. */
  holders: string[];
  monthlyMicros: bigint;
  currency: string;
}

/** The org's accounts and team memberships, to name who a subscription charges. */
export interface Directory {
  users: StoredUser[];
  members: StoredTeamMember[];
}

/** The org's accounts and memberships, read once per spread or listing. */
export async function readDirectory(ctx: AppContext, org: string): Promise<Directory> {
  const [users, members] = await Promise.all([
    ctx.identity.listUsers(org),
    ctx.identity.listTeamMembers(org),
  ]);
  return { users, members };
}

/** A subscription's monthly total in micro-units: its amount, times its seats for a team's seats. */
function monthlyMicros(s: SubscriptionSettings): bigint {
  return (decimalToScaled(s.amount, 6) ?? 0n) * BigInt(s.seats ?? 1);
}

/**
 * Whom a subscription charges: `user` names an account by id or email (as sign-in and the users API
 * resolve them) and becomes that account's usage user; a name that is no account is the ledger's
 * `user` as written (someone who never signs in). A team's seats go to its members with accounts, one
 * each in the order of their usage user, so their spend counts their seat; seats nobody holds stay the team's.
 */
export function chargeOf(ctx: AppContext, s: SubscriptionSettings, directory: Directory): Charge {
  const { users, members } = directory;
  const wanted = s.user?.toLowerCase();
  const account = wanted === undefined ? undefined : users.find((u) => u.id === s.user || u.email === wanted);
  const usageUser = (u: StoredUser) => u.usageUser ?? u.email;
  const team = members.filter((m) => s.seats !== undefined && m.team === s.team).map((m) => m.userId);
  const holders = users
    .filter((u) => team.includes(u.id) && !u.disabled)
    .map(usageUser)
    .sort()
    .slice(0, s.seats ?? 0);
  return {
    settings: s,
    user: account ? usageUser(account) : (s.user ?? null),
    team: s.team ?? null,
    holders: [...new Set(holders)],
    monthlyMicros: monthlyMicros(s),
    currency: s.currency ?? ctx.config.currency,
  };
}

/** The id of a subscription's record of one day (and seat holder): re-spreading writes the same ids. */
const seatRecordId = (subscription: string, day: string, holder: string | null) =>
  `subscription:${subscription}:${day}${holder === null ? '' : `:${holder}`}`;

/** A day's fee by whom it charges: each held seat its exact share, the rest to the charge's own user. */
function dayParts(charge: Charge, micros: bigint): { holder: string | null; micros: bigint }[] {
  const seats = charge.settings.seats ?? 1;
  const held = charge.holders.map((holder, i) => ({ holder, micros: dayShare(micros, seats, i) }));
  const rest = micros - held.reduce((sum, p) => sum + p.micros, 0n);
  return [...held, { holder: null, micros: rest }].filter((p) => p.micros > 0n);
}

/**
 * A charge's ledger records, one per UTC day from its start to `through` (or its end), each its share of
 * its month's fee (split by seat where a team's members hold seats). Days that cost nothing (a free plan)
 * write no record. Attribution fills the team of a user's seat as it does for their usage.
 */
export function seatRecords(ctx: AppContext, org: string, charge: Charge, through: string): UsageRecord[] {
  const s = charge.settings;
  const days = spreadMonthly({
    monthlyMicros: charge.monthlyMicros,
    startDate: s.startDate,
    endDate: s.endDate ?? null,
    through,
  });
  return days.flatMap((d) =>
    dayParts(charge, d.micros).map((part) =>
      attributeRecord(
        {
          id: seatRecordId(s.id, d.day, part.holder),
          org,
          source: SUBSCRIPTION_SOURCE,
          timestamp: new Date(`${d.day}T00:00:00Z`),
          endTimestamp: new Date(`${nextDay(d.day)}T00:00:00Z`),
          provider: vendorProvider(s.vendor),
          service: SEAT_SERVICE,
          model: s.plan,
          user: part.holder ?? charge.user,
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
          costMicros: Number(part.micros),
          currency: charge.currency,
          costKind: 'billed',
        },
        ctx.attribution,
      ),
    ),
  );
}
