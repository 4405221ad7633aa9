import { z } from 'zod';
import { SEVERITIES } from '../../analyze/severity.ts';
import { Count, Currency, Instant, named } from './common.ts';

/**
 * The compatibility routes speak their originals' shapes (snake_case, amounts as JSON numbers), so the
 * workflows people already run against a spend-analysis service keep working.
 */

export const AnalyseAccepted = named(
  z.strictObject({ job_id: z.string(), status: z.literal('processing') }),
  'AnalyseAccepted',
);

const span = z.strictObject({ start: Instant, end: Instant });

const Complete = z.strictObject({
  job_id: z.string(),
  status: z.literal('complete'),
  currency: Currency,
  period: span,
  summary: z.strictObject({
    total_spend: z.number(),
    average_daily_spend: z.number(),
    spend_change_percent: z.number().nullable(),
  }),
  by_user: z.array(
    z.strictObject({
      user_id: z.string().nullable(),
      total_spend: z.number(),
      share_percent: z.number(),
      transactions: Count,
      tokens_in: Count,
      tokens_out: Count,
    }),
  ),
  by_project: z.array(
    z.strictObject({
      project_id: z.string().nullable(),
      total_spend: z.number(),
      share_percent: z.number(),
      transactions: Count,
      tokens_out: Count,
      cost_per_token_out: z.number().nullable(),
    }),
  ),
  anomalies: z.array(
    z.strictObject({
      type: z.string(),
      project: z.string().nullable(),
      severity: z.enum(SEVERITIES),
      description: z.string(),
    }),
  ),
  baseline: z
    .strictObject({
      source: z.enum(['ledger', 'transactions']),
      history: span,
      previous_period: span,
      ledger_until: Instant.nullable(),
    })
    .optional(),
});

export const JobResult = named(
  z.discriminatedUnion('status', [
    z.strictObject({ job_id: z.string(), status: z.literal('processing') }),
    z.strictObject({ job_id: z.string(), status: z.literal('failed'), error: z.string() }),
    Complete,
  ]),
  'JobResult',
);
