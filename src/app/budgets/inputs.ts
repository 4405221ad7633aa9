import type { BudgetInputs, Projection } from '../../act/budgets/evaluate.ts';
import { amountMicros } from '../../act/budgets/evaluate.ts';
import { type PeriodBounds, periodBounds } from '../../act/budgets/period.ts';
import { localDay } from '../../analyze/calendar.ts';
import type { BudgetScope, BudgetSettings } from '../../config/alerting.ts';
import { AppError } from '../../domain/errors.ts';
import { convertMicros, parseRate, type Rate } from '../../domain/money.ts';
import type { Dimension } from '../../domain/record.ts';
import type { UsageFilter } from '../../store/types.ts';
import { forecastSpend } from '../analysis/forecast.ts';
import type { AppContext } from '../context.ts';
import { querySpend } from '../spend.ts';

type ScopeFilter = Pick<UsageFilter, 'dimensions' | 'tags'>;

/** The spend filter of a budget's scope: nothing for the org, a dimension value, or a tag value. */
function scopeFilter(scope: BudgetScope): ScopeFilter {
  if (scope.dimension === 'org' || scope.value === undefined) return {};
  const tag = /^tag:(.+)$/.exec(scope.dimension)?.[1];
  if (tag) return { tags: { [tag]: [scope.value] } };
  return { dimensions: { [scope.dimension as Dimension]: [scope.value] } };
}

/**
 * What `evaluate` judges a budget on at `at`: the period's spend by local day and the projection, in
 * the budget's currency. Month budgets take the month-end forecast of their scope; day and week budgets
 * the spend of the trailing period length, for the run-rate (see act/budgets/evaluate.ts).
 */
export async function budgetInputs(
  ctx: AppContext,
  org: string,
  settings: BudgetSettings,
  at: Date,
): Promise<BudgetInputs> {
  const tz = ctx.config.timezone;
  const bridge = currencyBridge(ctx, settings);
  const bounds = periodBounds(settings.period, at, tz);
  const filter = scopeFilter(settings.scope);
  const days =
    at > bounds.start
      ? (
          await querySpend(ctx, {
            org,
            ...filter,
            from: bounds.start,
            to: at,
            groupBy: [],
            bucket: 'day',
            tz,
          })
        ).rows.map((r) => ({
          day: localDay(r.bucket ?? bounds.start, tz),
          micros: bridge.toBudget(r.costMicros),
        }))
      : [];
  const spent = days.reduce((sum, d) => sum + d.micros, 0n);
  const projection =
    settings.period === 'month'
      ? await monthProjection(ctx, org, filter, spent, amountMicros(settings.amount), bridge, at)
      : await runRateInput(ctx, org, filter, bounds, bridge, at);
  return { tz, days, projection };
}

async function monthProjection(
  ctx: AppContext,
  org: string,
  filter: ScopeFilter,
  spent: bigint,
  amount: bigint,
  bridge: Bridge,
  at: Date,
): Promise<Projection> {
  const budget = Number(bridge.toReporting(amount)) / 1e6;
  const f = await forecastSpend({ ...ctx, now: () => at }, { org, filter, budget });
  // why: the forecast sums floats; the exact spend so far plus the forecast's rest keeps projected ≥ spent.
  const plus = (p: number) =>
    spent + bridge.toBudget(BigInt(Math.round((p - f.forecast.actualToDate) * 1e6)));
  return {
    method: 'forecast',
    p10: plus(f.forecast.p10),
    p50: plus(f.forecast.p50),
    p90: plus(f.forecast.p90),
    overrunDate: f.overrunDate,
    historyMonths: f.backtest.months,
  };
}

async function runRateInput(
  ctx: AppContext,
  org: string,
  filter: ScopeFilter,
  bounds: PeriodBounds,
  bridge: Bridge,
  at: Date,
): Promise<Projection> {
  const from = new Date(at.getTime() - (bounds.end.getTime() - bounds.start.getTime()));
  const trailing = await querySpend(ctx, { org, ...filter, from, to: at, groupBy: [] });
  return { method: 'run-rate', trailingMicros: bridge.toBudget(trailing.totals.costMicros) };
}

export interface Bridge {
  toBudget(reportingMicros: bigint): bigint;
  toReporting(budgetMicros: bigint): bigint;
}

/** Converts between the reporting currency and the budget's, with the configured fixed rate. */
export function currencyBridge(ctx: AppContext, settings: BudgetSettings): Bridge {
  const currency = settings.currency ?? ctx.config.currency;
  if (currency === ctx.config.currency) return { toBudget: (m) => m, toReporting: (m) => m };
  const raw = ctx.config.rates[currency];
  if (raw === undefined) {
    throw new AppError(
      'config_invalid',
      `budget "${settings.id}" is in ${currency}, which has no exchange rate: add rates.${currency} to spendlens.toml`,
    );
  }
  const rate = parseRate(raw);
  return { toBudget: (m) => divide(m, rate), toReporting: (m) => convertMicros(m, rate) };
}

/** Micro-units of the reporting currency in units of the rate's currency, rounded half away from zero. */
function divide(micros: bigint, rate: Rate): bigint {
  const n = micros * 10n ** BigInt(rate.scale);
  const half = rate.scaled / 2n;
  return n >= 0n ? (n + half) / rate.scaled : -((-n + half) / rate.scaled);
}
