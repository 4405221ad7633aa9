import { z } from 'zod';

// Shapes of the Cost Management Query API (Azure/azure-rest-api-specs, Microsoft.CostManagement
// stable/2025-03-01 examples SubscriptionQuery.json and SubscriptionQueryGrouping.json; reference §8).
// Not confirmed: how a `nextLink` is followed (the specs do not say; the same body is POSTed to it, as
// the reference has it), and the current service names of Azure OpenAI meters ("Foundry Models" is a guess).

/** One query answer: rows are positional, in the order of `columns`; `null` for a 204 with no data. */
export const queryPageSchema = z
  .object({
    properties: z.object({
      nextLink: z.string().nullish(),
      columns: z.array(z.object({ name: z.string().min(1), type: z.string().nullish() })),
      rows: z.array(z.array(z.union([z.string(), z.number(), z.null()]))),
    }),
  })
  .nullable();
export type QueryPage = NonNullable<z.output<typeof queryPageSchema>>;
