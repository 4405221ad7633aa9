import { z } from 'zod';
import { REPORT_DIMENSIONS } from '../report.ts';
import { Count, Currency, Day, Instant, Money, named } from './common.ts';

/** Archived reports (src/domain/report.ts) as `GET /api/v1/reports/:id` and `POST /api/v1/reports/run` answer. */

const PerToken = z
  .string()
  .regex(/^-?\d+\.\d{12}$/)
  .nullable();

export const ReportLine = z.strictObject({
  value: z.string().nullable(),
  cost: Money,
  share: z.number().meta({ description: "Percent of the period's total" }),
  requests: Count,
  outputTokens: Count,
  costPerOutputToken: PerToken,
});

export const CompareLine = z.strictObject({
  dimension: z.enum(REPORT_DIMENSIONS),
  value: z.string().nullable(),
  cost: Money,
  previous: Money,
  change: Money,
  changePercent: z.number().nullable(),
  share: z.number(),
});

export const ReportAnomaly = z.strictObject({
  id: z.string(),
  kind: z.string(),
  scope: z.strictObject({ dimension: z.string(), value: z.string().nullable() }),
  periodStart: Instant,
  periodEnd: Instant,
  severity: z.string(),
  currency: Currency,
  actual: Money,
  expected: Money,
  description: z.string(),
});

export const ReportBudget = z.strictObject({
  id: z.string(),
  name: z.string(),
  scope: z.strictObject({
    dimension: z.string(),
    value: z.string().optional(),
    each: z.boolean().optional(),
  }),
  period: z.string(),
  amount: Money,
  currency: Currency,
  spent: Money,
  percent: z.number(),
  projected: Money,
  state: z.string(),
  projectedOverrunDate: Day.nullable(),
  periodEnd: Instant,
});

const base = {
  id: z.string(),
  org: z.string(),
  currency: Currency,
  timezone: z.string(),
  periodStart: Instant,
  periodEnd: Instant,
  generatedAt: Instant,
  total: Money,
  changePercent: z
    .number()
    .nullable()
    .meta({ description: 'Daily: against the day-of-week baseline; weekly: against the week before' }),
  requests: Count,
  outputTokens: Count,
  unpricedRequests: Count.meta({ description: 'Requests of unknown models, whose cost is not in `total`' }),
  costPerOutputToken: PerToken,
  anomalies: z.array(ReportAnomaly),
  budgets: z.array(ReportBudget),
  warnings: z.array(z.string()),
};

const top = <T extends z.ZodType>(line: T) =>
  z.strictObject(
    Object.fromEntries(REPORT_DIMENSIONS.map((d) => [d, z.array(line)])) as Record<
      (typeof REPORT_DIMENSIONS)[number],
      z.ZodArray<T>
    >,
  );

export const DailyReport = z.strictObject({
  ...base,
  kind: z.literal('daily'),
  day: Day,
  baseline: z.strictObject({ expected: Money, lower: Money, upper: Money }).nullable().meta({
    description: "The day-of-week baseline's expected spend and band; null while the ledger is learning",
  }),
  lastWeek: z
    .strictObject({ day: Day, total: Money, changePercent: z.number().nullable() })
    .meta({ description: 'The same weekday a week before' }),
  top: top(ReportLine).meta({
    description: 'Top five of each dimension, each with its cost per output token',
  }),
});

export const WeeklyReport = z.strictObject({
  ...base,
  kind: z.literal('weekly'),
  week: z.string().regex(/^\d{4}-W\d{2}$/),
  previousPeriodStart: Instant,
  previousTotal: Money,
  change: Money,
  days: z.array(z.strictObject({ day: Day, total: Money })),
  top: top(CompareLine).meta({
    description: 'Per dimension, the values that spent most this week (or the week before), with the change',
  }),
  movers: z.array(CompareLine).meta({ description: 'The biggest changes in money across all dimensions' }),
});

export const Report = named(z.discriminatedUnion('kind', [DailyReport, WeeklyReport]), 'Report');
