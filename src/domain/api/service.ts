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

/** An OTLP export's answer in JSON: empty when every item was taken, else how many were rejected and why. */
export const OtlpAnswer = named(
  z.strictObject({
    partialSuccess: z
      .strictObject({
        rejectedSpans: z.number().int().optional(),
        rejectedLogRecords: z.number().int().optional(),
        rejectedDataPoints: z.number().int().optional(),
        errorMessage: z.string().optional(),
      })
      .optional(),
  }),
  'OtlpAnswer',
);
