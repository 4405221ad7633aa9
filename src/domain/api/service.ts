import { z } from 'zod';
import { named } from './common.ts';

/** `GET /healthz`: 200 `ok` when the store answers, 503 `unavailable` with the error otherwise. */
export const Health = named(
  z.strictObject({
    status: z.enum(['ok', 'unavailable']),
    store: z.enum(['duckdb', 'postgres']),
    error: z.string().optional(),
  }),
  'Health',
);
