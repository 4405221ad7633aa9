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

/** OTLP/JSON writes 64-bit integers as decimal strings (proto3 JSON mapping). */
const Int64 = z.union([z.string().regex(/^\d+$/), z.number().int()]);

/** An OTLP export's answer in JSON: empty when every item was taken, else how many were rejected and why. */
export const OtlpAnswer = named(
  z.strictObject({
    partialSuccess: z
      .strictObject({
        rejectedSpans: Int64.optional(),
        rejectedLogRecords: Int64.optional(),
        rejectedDataPoints: Int64.optional(),
        errorMessage: z.string().optional(),
      })
      .optional(),
  }),
  'OtlpAnswer',
);
