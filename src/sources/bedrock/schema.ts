import { z } from 'zod';

// Shapes of Cost Explorer's GetCostAndUsage and GetDimensionValues answers as the AWS SDK returns them
// (aws-sdk-js-v3 clients/client-cost-explorer models; reference §7). The SDK does not check what it
// deserializes, so the boundary is here. Not confirmed: the grammar of Bedrock usage types (kept whole).

// why: Amount is a decimal string in dollars; a credit or a refund is negative.
const amount = z.string().regex(/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/, 'must be a decimal amount');
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}/);

/** The services whose names hold "Bedrock": first-party usage and each Marketplace model. */
export const servicesPageSchema = z.object({
  DimensionValues: z.array(z.object({ Value: z.string().min(1) })),
  NextPageToken: z.string().nullish(),
});

/** One service and usage type on one day: `Keys` in the order of the request's GroupBy. */
const groupSchema = z.object({
  Keys: z.tuple([z.string().min(1), z.string().min(1)]),
  Metrics: z.object({
    UnblendedCost: z.object({ Amount: amount, Unit: z.string().min(1) }),
    UsageQuantity: z.object({ Amount: amount, Unit: z.string().nullish() }).nullish(),
  }),
});
export type CostGroup = z.output<typeof groupSchema>;

export const costPageSchema = z.object({
  ResultsByTime: z.array(
    z.object({
      TimePeriod: z.object({ Start: day, End: day }),
      Groups: z.array(groupSchema).default([]),
      Estimated: z.boolean().nullish(),
    }),
  ),
  NextPageToken: z.string().nullish(),
});
export type CostPage = z.output<typeof costPageSchema>;
