import type { z } from 'zod';
import type {
  SubscriptionList,
  Subscription as SubscriptionSchema,
} from '../../../../src/domain/api/operations.ts';

/** A seat or subscription as `/api/v1/subscriptions` answers it (the contract's type). */
export type Subscription = z.infer<typeof SubscriptionSchema>;
export type SubscriptionsResponse = z.infer<typeof SubscriptionList>;

export const VENDORS = [
  { value: 'cursor', label: 'Cursor' },
  { value: 'copilot', label: 'GitHub Copilot' },
  { value: 'claude', label: 'Claude (Team / Max)' },
  { value: 'chatgpt', label: 'ChatGPT (Team / Plus)' },
  { value: 'other', label: 'Other' },
] as const;
type Vendor = (typeof VENDORS)[number]['value'];

/** The form's fields, as typed. */
export interface SubscriptionFields {
  id: string;
  vendor: Vendor;
  plan: string;
  holder: 'user' | 'team';
  user: string;
  team: string;
  seats: string;
  amount: string;
  currency: string;
  startDate: string;
  endDate: string;
}

/** Empty fields, starting on the first day of this UTC month. */
export function emptyFields(today: Date): SubscriptionFields {
  return {
    id: '',
    vendor: 'cursor',
    plan: '',
    holder: 'user',
    user: '',
    team: '',
    seats: '',
    amount: '',
    currency: '',
    startDate: `${today.toISOString().slice(0, 7)}-01`,
    endDate: '',
  };
}

/** The API body: what is empty is left out, what is typed is sent as typed for the server to judge. */
export function subscriptionBody(f: SubscriptionFields): Record<string, unknown> {
  const text = (v: string) => v.trim() || undefined;
  return {
    id:
      f.id.trim() ||
      `${f.vendor}-${(f.holder === 'user' ? f.user : f.team)
        .trim()
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')}`.replace(/-+$/, ''),
    vendor: f.vendor,
    plan: f.plan.trim(),
    amount: f.amount.trim(),
    ...(f.holder === 'user' ? { user: text(f.user) } : { team: text(f.team), seats: text(f.seats) }),
    currency: text(f.currency),
    startDate: f.startDate,
    endDate: text(f.endDate),
  };
}

/** Who pays: the person (as the ledger names them) or the team and its seats. */
export function holderText(s: Subscription): string {
  if (s.team === null) return s.ledgerUser ?? s.user ?? '';
  if (s.seats === null) return `team ${s.team}`;
  const held = s.seatHolders.length ? ` (${s.seatHolders.length} held: ${s.seatHolders.join(', ')})` : '';
  return `team ${s.team} · ${s.seats} seats${held}`;
}
