import { z } from 'zod';
import { channelSettingsSchema } from '../../config/alerting.ts';
import { ALERT_EVENTS, BUDGET_PERIODS } from '../alerting.ts';
import { Currency, Day, Instant, Money, named } from './common.ts';

const BudgetScope = z.strictObject({
  dimension: z.string(),
  value: z.string().optional(),
  each: z.boolean().optional(),
});

const BudgetStatus = z.strictObject({
  periodStart: Instant,
  periodEnd: Instant.meta({ description: 'Exclusive end of the period: when the budget resets' }),
  spent: Money,
  percent: z.number().meta({ description: 'Spent as a percent of the amount, one decimal' }),
  projected: Money.meta({ description: 'Projected end-of-period spend (P50)' }),
  projectedLow: Money.nullable(),
  projectedHigh: Money.nullable(),
  projectedOverrunDate: Day.nullable(),
  state: z.enum(['ok', 'warning', 'projected_to_exceed', 'exceeded']),
  crossed: z.array(z.number()).meta({ description: 'Thresholds (percent) already crossed this period' }),
});

export const Budget = named(
  z.strictObject({
    id: z.string(),
    name: z.string(),
    origin: z.enum(['config', 'api']),
    scope: BudgetScope,
    period: z.enum(BUDGET_PERIODS),
    amount: Money,
    currency: Currency,
    thresholds: z.array(z.number()),
    alertOnForecast: z.boolean(),
    enforce: z.enum(['soft', 'hard']).optional().meta({
      description: 'What the gateway does with calls in its scope: hard refuses them past the amount',
    }),
    status: BudgetStatus,
    members: z
      .array(z.strictObject({ value: z.string(), team: z.string().nullable(), status: BudgetStatus }))
      .optional()
      .meta({
        description: 'For a budget of every value: each value with spend this period, furthest along first',
      }),
  }),
  'Budget',
);

export const BudgetList = named(z.strictObject({ budgets: z.array(Budget) }), 'BudgetList');

const Delivery = z.strictObject({
  channel: z.string(),
  status: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number().int(),
  lastAttemptAt: Instant.nullable(),
  error: z.string().nullable(),
});

export const Alert = named(
  z.strictObject({
    id: z.string(),
    event: z.enum(ALERT_EVENTS),
    severity: z.string(),
    title: z.string(),
    text: z.string(),
    scope: z.strictObject({ dimension: z.string(), value: z.string() }).nullable(),
    budgetId: z.string().nullable(),
    link: z.string().meta({ description: 'The dashboard path of the view the alert is about' }),
    facts: z.array(z.strictObject({ label: z.string(), value: z.string() })),
    createdAt: Instant,
    deliveries: z.array(Delivery),
  }),
  'Alert',
);

export const AlertList = named(z.strictObject({ alerts: z.array(Alert) }), 'AlertList');

/** A channel as answers show it: its settings (one definition with the config's), origin and secret hints. */
export const Channel = named(
  channelSettingsSchema.extend({
    origin: z.enum(['config', 'api']),
    urlHint: z
      .string()
      .nullable()
      .meta({ description: 'e.g. https://hooks.slack.com/…/abcd; the URL itself is never returned' }),
    secretHint: z.string().nullable(),
    urlEnv: z.string().optional(),
    secretEnv: z.string().optional(),
    createdAt: Instant,
    updatedAt: Instant,
  }),
  'Channel',
);

export const ChannelList = named(z.strictObject({ channels: z.array(Channel) }), 'ChannelList');

export const ChannelTest = named(
  z.strictObject({ delivered: z.boolean(), error: z.string().optional() }),
  'ChannelTestResult',
);
