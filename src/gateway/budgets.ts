import { amountMicros } from '../act/budgets/evaluate.ts';
import { type PeriodBounds, periodBounds } from '../act/budgets/period.ts';
import { currencyBridge } from '../app/budgets/inputs.ts';
import type { Budget } from '../app/budgets/manage.ts';
import type { AppContext } from '../app/context.ts';
import { type Converter, createConverter } from '../app/currency.ts';
import type { BudgetScope } from '../config/alerting.ts';
import { formatMicros } from '../domain/money.ts';
import type { Dimension } from '../domain/record.ts';
import type { ReserveCheck } from '../store/types.ts';

/** Who a call is attributed to, as a record of it will be. */
export type CallScope = Partial<Record<Dimension, string | null>> & { tags: Record<string, string> };

/** A budget the call falls under, with the value it counts against (for a budget of every value). */
interface Applicable {
  budget: Budget;
  key: string;
  value: string | null;
}

export type BudgetVerdict =
  | { ok: true; reserved: boolean; remaining: { budget: string; amount: string; currency: string } | null }
  | { ok: false; budget: string; message: string; resetAt: Date };

/** The value of a call's scope a budget looks at; undefined when the call has none (the budget does not apply). */
function scopeValue(scope: BudgetScope, call: CallScope): string | undefined {
  if (scope.dimension === 'org') return '';
  const tag = /^tag:(.+)$/.exec(scope.dimension)?.[1];
  const v = tag ? call.tags[tag] : call[scope.dimension as Dimension];
  return v ?? undefined;
}

/** The enforcing budgets a call falls under: org, the value it names, or its value of a budget of every value. */
export function applicable(budgets: Budget[], call: CallScope): Applicable[] {
  return budgets.flatMap((budget) => {
    const s = budget.settings;
    if (s.enforce === undefined) return [];
    const v = scopeValue(s.scope, call);
    if (v === undefined) return [];
    if (s.scope.each === true) return [{ budget, key: `${s.id}:${v}`, value: v }];
    if (s.scope.dimension !== 'org' && s.scope.value !== v) return [];
    return [{ budget, key: s.id, value: s.scope.value ?? null }];
  });
}

/** The period under way per period kind and zone, kept until `now` leaves it (`periodBounds` is pure). */
const periods = new Map<string, PeriodBounds>();

/** `periodBounds(period, now, tz)`, computed once per period rather than on every call. */
export function currentPeriod(period: Budget['settings']['period'], now: Date, tz: string): PeriodBounds {
  const key = `${period} ${tz}`;
  const kept = periods.get(key);
  const t = now.getTime();
  if (kept && kept.start.getTime() <= t && t < kept.end.getTime()) return kept;
  const bounds = periodBounds(period, now, tz);
  periods.set(key, bounds);
  return bounds;
}

/** The reporting currency's converter, per configuration. */
const converters = new WeakMap<AppContext['config'], Converter>();

export function converterOf(config: AppContext['config']): Converter {
  let converter = converters.get(config);
  if (!converter) {
    converter = createConverter(config);
    converters.set(config, converter);
  }
  return converter;
}

function scopeFilter(scope: BudgetScope, value: string | null) {
  if (scope.dimension === 'org' || value === null) return {};
  const tag = /^tag:(.+)$/.exec(scope.dimension)?.[1];
  if (tag) return { tags: { [tag]: [value] } };
  return { dimensions: { [scope.dimension as Dimension]: [value] } };
}

/**
 * Checks a call against the enforcing budgets it falls under and reserves its estimate (micro-units of
 * the reporting currency) under `id`, in one step on the store: a hard budget whose spend plus calls in
 * flight plus this estimate would pass its amount refuses the call, naming itself and when it resets.
 */
export async function reserveBudgets(
  ctx: AppContext,
  input: {
    org: string;
    /** The org's budgets (`listBudgets`). */
    budgets: Budget[];
    id: string;
    call: CallScope;
    estimateMicros: bigint;
    now: Date;
    ttlMs: number;
  },
): Promise<BudgetVerdict> {
  const found = applicable(input.budgets, input.call);
  if (found.length === 0) return { ok: true, reserved: false, remaining: null };
  const tz = ctx.config.timezone;
  const converter = converterOf(ctx.config);
  const checks = found.map((a): ReserveCheck & { a: Applicable; end: Date } => {
    const s = a.budget.settings;
    const bounds = currentPeriod(s.period, input.now, tz);
    const bridge = currencyBridge(ctx, s);
    return {
      a,
      end: bounds.end,
      key: a.key,
      periodStart: bounds.start,
      spend: {
        org: input.org,
        from: bounds.start,
        to: bounds.end,
        groupBy: [],
        ...scopeFilter(s.scope, a.value),
      },
      spentOf: (rows) =>
        rows.reduce((sum, r) => sum + (converter.convert(r.costMicros, r.currency) ?? 0n), 0n),
      limitMicros: s.enforce === 'hard' ? bridge.toReporting(amountMicros(s.amount)) : null,
    };
  });
  const outcome = await ctx.gateway.reserveSpend({
    org: input.org,
    id: input.id,
    micros: input.estimateMicros,
    at: input.now,
    expiresAt: new Date(input.now.getTime() + input.ttlMs),
    checks,
  });
  const byKey = new Map(checks.map((c) => [c.key, c]));
  if (!outcome.ok) {
    const c = byKey.get(outcome.refusedKey ?? '') ?? checks[0];
    const seen = outcome.checks.find((x) => x.key === c?.key);
    if (!c) throw new Error('a refusal names a budget that was checked');
    const message = refusalText(ctx, c.a, seen, input.estimateMicros, c.end);
    return { ok: false, budget: c.key, resetAt: c.end, message };
  }
  return { ok: true, reserved: true, remaining: leastRemaining(ctx, outcome.checks, byKey) };
}

/** The budget with the least left after spend and calls in flight, in its own currency. */
function leastRemaining(
  ctx: AppContext,
  seen: { key: string; spentMicros: bigint; reservedMicros: bigint }[],
  byKey: Map<string, { a: Applicable }>,
): { budget: string; amount: string; currency: string } | null {
  let least: { budget: string; amount: string; currency: string; micros: bigint } | null = null;
  for (const x of seen) {
    const s = byKey.get(x.key)?.a.budget.settings;
    if (!s) continue;
    const bridge = currencyBridge(ctx, s);
    const left = amountMicros(s.amount) - bridge.toBudget(x.spentMicros + x.reservedMicros);
    if (least === null || left < least.micros) {
      least = {
        budget: x.key,
        amount: formatMicros(left),
        currency: s.currency ?? ctx.config.currency,
        micros: left,
      };
    }
  }
  return least && { budget: least.budget, amount: least.amount, currency: least.currency };
}

function refusalText(
  ctx: AppContext,
  a: Applicable,
  seen: { spentMicros: bigint; reservedMicros: bigint } | undefined,
  estimate: bigint,
  resetAt: Date,
): string {
  const s = a.budget.settings;
  const currency = ctx.config.currency;
  const scope = s.scope.dimension === 'org' ? 'the org' : `${s.scope.dimension} "${a.value}"`;
  const used = seen ? formatMicros(seen.spentMicros + seen.reservedMicros) : '?';
  return (
    `spendlens budget "${s.name ?? s.id}" (${s.amount} ${s.currency ?? currency} per ${s.period} for ${scope}) ` +
    `would be exceeded: ${used} ${currency} spent or in flight, this call may cost up to ${formatMicros(estimate)} ${currency}. ` +
    `It resets at ${resetAt.toISOString()}.`
  );
}
