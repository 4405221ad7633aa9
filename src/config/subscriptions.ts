import { z } from 'zod';
import { SUBSCRIPTION_VENDORS } from '../domain/subscriptions.ts';

const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/, 'must be lowercase letters, digits, "-", "_" or "." (at most 64)');

// why: TOML reads an unquoted 2026-03-01 as a date; the day is what it says.
const day = z.preprocess(
  (v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v),
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date such as "2026-01-31"')
    .refine((v) => {
      const at = new Date(`${v}T00:00:00Z`);
      return !Number.isNaN(at.getTime()) && at.toISOString().startsWith(v);
    }, 'is not a calendar date')
    // why: each day becomes a ledger record; a mistyped year must not write centuries of them.
    .refine((v) => v >= '2000-01-01' && v <= '2099-12-31', 'must be between 2000-01-01 and 2099-12-31'),
);

/**
 * A seat or subscription's definition, the same from `[[subscriptions]]` in spendlens.toml or
 * `/api/v1/subscriptions`: a fixed monthly fee of one person (`user`: a user's id or email, or a
 * ledger user name) or of a team (`team`; with `seats`, `amount` is the price of one seat). `amount` is
 * a decimal string in `currency` (default: the reporting currency). `endDate` is the last day paid for.
 */
const subscriptionFields = z
  .object({
    id,
    vendor: z.enum(SUBSCRIPTION_VENDORS),
    plan: z.string().trim().min(1).max(120),
    amount: z
      .union([z.string(), z.number()])
      .transform(String)
      .superRefine((v, ctx) => {
        if (v.trim().startsWith('-')) ctx.addIssue({ code: 'custom', message: 'must not be negative' });
        else if (!/^\d{1,12}(\.\d{1,6})?$/.test(v))
          ctx.addIssue({ code: 'custom', message: 'must be an amount such as "20" or "39.99"' });
      }),
    currency: z.string().toUpperCase().length(3).optional(),
    user: z.string().trim().min(1).max(256).optional(),
    team: z.string().trim().min(1).max(256).optional(),
    seats: z.coerce.number().int().min(1).max(100_000).optional(),
    startDate: day,
    endDate: day.optional(),
  })
  .strict();

/** The rules across fields: one holder, seats only for a team, an end on or after the start. */
function whole<
  T extends z.ZodType<{ user?: string; team?: string; seats?: number; startDate: string; endDate?: string }>,
>(schema: T) {
  return schema
    .refine((s) => (s.user === undefined) !== (s.team === undefined), {
      message: 'assign it to one user or to one team: set either "user" or "team"',
      path: ['user'],
    })
    .refine((s) => s.seats === undefined || s.team !== undefined, {
      message: 'seats count for a team: set "team", or leave seats out for one user',
      path: ['seats'],
    })
    .refine((s) => s.endDate === undefined || s.endDate >= s.startDate, {
      message: 'must be on or after startDate',
      path: ['endDate'],
    });
}

/** A subscription's definition: the API's body, `[[subscriptions]]` in spendlens.toml. */
export const subscriptionSettingsSchema = whole(subscriptionFields);

/** A replacement sent to `PUT /api/v1/subscriptions/:id`: the id is the path's. */
export const subscriptionChangeSchema = whole(subscriptionFields.partial({ id: true }));

export type SubscriptionSettings = z.output<typeof subscriptionSettingsSchema>;
