import { z } from 'zod';

/** One transaction of a cost tracker's feed; `cost_<currency>` is read by the normalizer. */
export const transactionSchema = z
  .object({
    id: z.union([z.string().min(1), z.number()]).transform(String),
    timestamp: z.string().min(1),
    service: z.string().min(1),
    model: z.string().min(1),
    tokens_in: z.number().int().nonnegative().nullish(),
    tokens_out: z.number().int().nonnegative().nullish(),
    user_id: z.string().nullish(),
    project_id: z.string().nullish(),
  })
  .catchall(z.unknown());
export type Transaction = z.output<typeof transactionSchema>;

export const feedPageSchema = z.object({ transactions: z.array(transactionSchema) });
