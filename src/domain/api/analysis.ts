import { z } from 'zod';
import { SEVERITIES } from '../../analyze/severity.ts';
import { PERIOD_IDS } from '../periods.ts';
import { Amounts, Count, Currency, Day, Instant, Money, named } from './common.ts';

export const Severity = z.enum(SEVERITIES);

/** What drove an anomaly: one value of another dimension and how much it moved. */
export const Driver = z.strictObject({
  dimension: z.string(),
  value: z.string().nullable(),
  delta: Money,
  actual: Money,
  expected: Money,
});

export const Anomaly = named(
  z.strictObject({
    id: z.string(),
    kind: z.enum(['daily', 'intraday']),
    scope: z.strictObject({ dimension: z.string(), value: z.string().nullable() }),
    periodStart: Instant,
    periodEnd: Instant,
    currency: Currency,
    actual: Money,
    expected: Money,
    lower: Money,
    upper: Money,
    severity: Severity,
    sustained: z.boolean(),
    drivers: z.array(Driver),
    description: z.string(),
    status: z.enum(['open', 'acknowledged', 'muted']),
    mutedUntil: Instant.nullable(),
    createdAt: Instant,
    updatedAt: Instant,
    historical: z.boolean().meta({ description: 'Found when its history was examined after the fact' }),
  }),
  'Anomaly',
);

export const AnomalyList = named(z.array(Anomaly), 'AnomalyList');

const BreakdownLine = z.strictObject({
  cost: Money,
  share: z.number().meta({ description: 'Fraction of the period total, 4 places' }),
  requests: Count,
  inputTokens: Count,
  outputTokens: Count,
});
const line = (key: string) => BreakdownLine.extend({ [key]: z.string().nullable() });

export const Summary = named(
  z.strictObject({
    currency: Currency,
    from: Instant,
    to: Instant,
    period: z.strictObject({
      id: z.enum([...PERIOD_IDS, 'custom'] as [string, ...string[]]),
      label: z.string(),
      tz: z.string(),
      firstDay: Day,
      lastDay: Day,
    }),
    previousFrom: Instant,
    previousTo: Instant,
    days: z.number(),
    totalCost: Money,
    previousCost: Money,
    averageDailyCost: Money,
    changePercent: z.number().nullable(),
    totals: Amounts,
    byUser: z.array(line('user')),
    byTeam: z.array(line('team')),
    byProject: z.array(
      line('project').extend({
        costPerOutputToken: z
          .string()
          .regex(/^-?\d+\.\d{12}$/)
          .nullable()
          .meta({
            description: 'Cost per output token, an exact decimal to 12 places; null without output tokens',
          }),
      }),
    ),
    byModel: z.array(line('model')),
    warnings: z.array(z.string()),
    anomalies: z.array(Anomaly),
  }),
  'Summary',
);

export const Forecast = named(
  z.strictObject({
    currency: Currency,
    asOf: Instant,
    month: z.string().regex(/^\d{4}-\d{2}$/),
    actualToDate: Money,
    projected: z.strictObject({ p10: Money, p50: Money, p90: Money }),
    budget: Money.optional(),
    projectedOverrunDate: Day.nullable().optional(),
    method: z.enum(['rhythm', 'run-rate']),
    baselines: z.strictObject({ linearRunRate: Money.nullable(), velocityRegression: Money.nullable() }),
    backtest: z.strictObject({
      mape: z.number().nullable(),
      months: z.number().int(),
      byMonth: z.array(
        z.strictObject({
          month: z.string(),
          projected: Money.nullable(),
          actual: Money.nullable(),
          errorPercent: z.number(),
        }),
      ),
    }),
    days: z.array(z.strictObject({ day: Day, actual: Money.nullable(), expected: Money.nullable() })),
  }),
  'Forecast',
);

export const Incident = named(
  z.strictObject({
    id: z.string(),
    kind: z.enum(['daily', 'intraday']),
    status: z.enum(['open', 'acknowledged', 'muted']),
    severity: Severity,
    rootCause: z.strictObject({
      description: z.string(),
      facets: z.array(z.strictObject({ dimension: z.string(), value: z.string().nullable(), excess: Money })),
    }),
    scopes: z.array(z.strictObject({ dimension: z.string(), value: z.string().nullable() })),
    periodStart: Instant,
    periodEnd: Instant,
    currency: Currency,
    actual: Money,
    expected: Money,
    excess: Money.meta({ description: 'Money at stake: spend above the expected, over the scopes touched' }),
    firstDetectedAt: Instant,
    lastDetectedAt: Instant,
    anomalies: z.array(Anomaly),
  }),
  'Incident',
);

export const IncidentList = named(z.array(Incident), 'IncidentList');

export const Baseline = named(
  z.strictObject({
    currency: Currency,
    scope: z.strictObject({ dimension: z.string(), value: z.string().nullable() }),
    days: z.array(
      z.strictObject({
        day: Day,
        actual: Money,
        expected: Money.nullable(),
        lower: Money.nullable(),
        upper: Money.nullable(),
        anomalous: z.boolean(),
      }),
    ),
  }),
  'Baseline',
);

const ModelVariance = z.strictObject({ model: z.string(), billed: Money, estimated: Money, variance: Money });

export const Reconciliation = named(
  z.strictObject({
    currency: Currency,
    from: Instant,
    to: Instant,
    rows: z.array(
      z.strictObject({
        day: Day,
        provider: z.string(),
        project: z.string().nullable(),
        billed: Money.nullable().meta({
          description: 'Net bill (charges + credits); null without invoice lines',
        }),
        estimated: Money,
        variance: Money.nullable(),
        variancePercent: z.number().nullable(),
        byModel: z.array(ModelVariance),
        cache: z.strictObject({
          cacheReadTokens: z.number().int(),
          cacheWriteTokens: z.number().int(),
          byModel: z.array(
            z.strictObject({
              model: z.string(),
              cacheReadTokens: z.number().int(),
              cacheWriteTokens: z.number().int(),
            }),
          ),
        }),
        charges: Money.nullable(),
        credits: Money.nullable(),
        chargesVariance: Money.nullable(),
        chargesVariancePercent: z.number().nullable(),
        lineItems: z.array(
          z.strictObject({
            item: z.string(),
            kind: z.enum(['tokens', 'web_search', 'file_search', 'other']),
            model: z.string().nullable(),
            billed: Money,
            estimated: Money.nullable(),
            variance: Money.nullable(),
            lines: z.array(z.string()),
          }),
        ),
        causes: z.array(z.strictObject({ code: z.string(), amount: Money.nullable(), message: z.string() })),
      }),
    ),
    totals: z.strictObject({
      billed: Money,
      estimated: Money,
      variance: Money,
      charges: Money,
      credits: Money,
      chargesVariance: Money,
    }),
    warnings: z.array(z.string()),
  }),
  'Reconciliation',
);
