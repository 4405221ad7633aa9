import { z } from 'zod';

/** The named schemas of the contract: each becomes `#/components/schemas/<id>` in the OpenAPI document. */
export const apiSchemas = z.registry<{ id: string; description?: string }>();

/** Names a schema in the contract's registry. */
export function named<T extends z.ZodType>(schema: T, id: string, description?: string): T {
  apiSchemas.add(schema, description ? { id, description } : { id });
  return schema;
}

/**
 * The building blocks of the HTTP contract (DESIGN.md "The public HTTP API"): every response schema is
 * strict, so a field a route answers but the contract does not describe is an error in the contract test.
 */

/** An exact decimal string of money, e.g. "12.500000" (never a float). */
export const Money = z
  .string()
  .regex(/^-?\d+(\.\d+)?$/, 'an exact decimal string')
  .meta({ description: 'Exact decimal string in the reporting currency', example: '12.500000' });

/** A summed count: a JSON integer up to 2^53 − 1, its digits as a string beyond, so no sum is rounded. */
export const Count = z
  .union([z.number().int(), z.string().regex(/^-?\d+$/)])
  .meta({ description: 'Integer; a digit string past 2^53 − 1' });

/** A UTC instant in ISO 8601. */
export const Instant = z.iso.datetime({ offset: true }).meta({ description: 'UTC ISO 8601 instant' });

/** A calendar day, YYYY-MM-DD. */
export const Day = z.iso.date();

export const Currency = z
  .string()
  .regex(/^[A-Z]{3}$/)
  .meta({ example: 'USD' });

export const FieldError = named(z.strictObject({ path: z.string(), message: z.string() }), 'FieldError');

/** Every error answer: a code, a message that says what and where, and per-field errors for validation. */
export const ErrorBody = named(
  z.strictObject({
    error: z.strictObject({
      code: z.string(),
      message: z.string(),
      errors: z.array(FieldError).optional(),
    }),
  }),
  'Error',
);

/** Summed usage and cost. */
export const Amounts = z.strictObject({
  cost: Money,
  inputTokens: Count,
  outputTokens: Count,
  cacheReadTokens: Count,
  cacheWriteTokens: Count,
  reasoningTokens: Count,
  requests: Count,
  unpricedRequests: Count,
});
