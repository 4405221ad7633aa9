import { z } from 'zod';

// Shapes from docs.github.com/rest/billing/usage and /rest/copilot/copilot-user-management, as mirrored
// by google/go-github `github/billing.go` and `copilot.go` (reference §5); the query parameters
// (year, month, day, user) are confirmed by octokit's generated docs (getGithubBillingPremiumRequestUsageReportOrg).
// The `sku` and `unitType` strings are not documented as enums: they are kept as text.

// why: quantities are fractional (credits) and amounts are USD floats; kept as their decimal text.
const number = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/)]);

/** One line of a premium-request usage report. */
export const usageItemSchema = z.object({
  product: z.string().min(1),
  sku: z.string().min(1),
  model: z.string().nullish(),
  unitType: z.string().nullish(),
  pricePerUnit: number.nullish(),
  grossQuantity: number.default(0),
  grossAmount: number.default(0),
  discountQuantity: number.default(0),
  discountAmount: number.default(0),
  netQuantity: number.default(0),
  netAmount: number,
});
export type UsageItem = z.output<typeof usageItemSchema>;

export const usageReportSchema = z.object({ usageItems: z.array(usageItemSchema) });

/**
 * One Copilot seat: who holds it, since when, until when it is paid (set once it is cancelled: the
 * start of the next billing cycle), and on which plan (`business`, `enterprise`: values unverified).
 */
export const seatSchema = z.object({
  assignee: z.object({ login: z.string().min(1) }),
  created_at: z.iso.datetime({ offset: true }),
  pending_cancellation_date: z.iso.date().nullish(),
  plan_type: z.string().nullish(),
});
export type Seat = z.output<typeof seatSchema>;

export const seatsPageSchema = z.object({
  total_seats: z.number().int().nonnegative(),
  seats: z.array(seatSchema),
});
