import { z } from 'zod';

// Shapes from cursor.com/docs/account/teams/admin-api (reference §4), checked against a second copy of
// that page in public code (spenkleburger/Simplified_Error_Registry docs/cursor_docs). Unknown fields
// (`chargedCents`, `isHeadless`… seen live, undocumented) are ignored: zod strips what it does not name.

const count = z.number().int().nonnegative();
// why: the reference says to accept numbers sent as strings; cents are fractional (`20.18232`).
const amount = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/)]);
const epochMs = z.union([z.number().int(), z.string().regex(/^\d+$/)]).transform(Number);

/** One metered call; `tokenUsage` only on token-based calls. */
export const eventSchema = z.object({
  timestamp: epochMs,
  model: z.string().min(1),
  kind: z.string().nullish(),
  maxMode: z.boolean().nullish(),
  requestsCosts: z.number().nullish(),
  isTokenBasedCall: z.boolean().nullish(),
  tokenUsage: z
    .object({
      inputTokens: count.default(0),
      outputTokens: count.default(0),
      cacheWriteTokens: count.default(0),
      cacheReadTokens: count.default(0),
      totalCents: amount.default(0),
    })
    .nullish(),
  cursorTokenFee: amount.nullish(),
  isFreeBugbot: z.boolean().nullish(),
  userEmail: z.string().min(1),
});
export type UsageEvent = z.output<typeof eventSchema>;

export const eventsPageSchema = z.object({
  pagination: z.object({
    numPages: z.number().int(),
    currentPage: z.number().int(),
    hasNextPage: z.boolean(),
  }),
  usageEvents: z.array(eventSchema),
});

/** One member's spend in the current billing cycle: `spendCents` is whole cents, plan-included usage within. */
export const memberSpendSchema = z.object({
  spendCents: amount,
  fastPremiumRequests: z.number().nullish(),
  name: z.string().nullish(),
  email: z.string().min(1),
  role: z.string().nullish(),
});
export type MemberSpend = z.output<typeof memberSpendSchema>;

export const spendPageSchema = z.object({
  teamMemberSpend: z.array(memberSpendSchema),
  subscriptionCycleStart: epochMs,
  totalPages: z.number().int().nonnegative(),
});
export type SpendPage = z.output<typeof spendPageSchema>;
