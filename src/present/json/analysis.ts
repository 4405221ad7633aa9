import type { forecastSpend } from '../../app/analysis/forecast.ts';
import { formatMicros } from '../../domain/money.ts';
import type { StoredAnomaly } from '../../store/types.ts';

/** Statistics (floats in currency units) as the API's exact-looking decimal strings. */
export const money = (units: number | null) =>
  units === null ? null : formatMicros(Math.round(units * 1e6));

/** An anomaly as the API answers it (DESIGN.md's shape, plus currency, status and times). */
export function anomalyJson(a: StoredAnomaly) {
  return {
    id: a.id,
    kind: a.kind,
    scope: { dimension: a.scopeDimension, value: a.scopeValue },
    periodStart: a.periodStart.toISOString(),
    periodEnd: a.periodEnd.toISOString(),
    currency: a.currency,
    actual: formatMicros(a.actualMicros),
    expected: formatMicros(a.expectedMicros),
    lower: formatMicros(a.lowerMicros),
    upper: formatMicros(a.upperMicros),
    severity: a.severity,
    sustained: a.sustained,
    drivers: a.drivers,
    description: a.description,
    status: a.status,
    mutedUntil: a.mutedUntil?.toISOString() ?? null,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
    historical: a.historical,
  };
}

/** A forecast as the API answers it: DESIGN.md's fields, the plain baselines, the backtest and the month's days. */
export function forecastJson(f: Awaited<ReturnType<typeof forecastSpend>>, budget: number | undefined) {
  return {
    currency: f.currency,
    asOf: f.asOf.toISOString(),
    month: f.forecast.month.slice(0, 7),
    actualToDate: money(f.forecast.actualToDate),
    projected: { p10: money(f.forecast.p10), p50: money(f.forecast.p50), p90: money(f.forecast.p90) },
    ...(budget === undefined ? {} : { budget: money(budget), projectedOverrunDate: f.overrunDate }),
    method: f.forecast.method,
    baselines: { linearRunRate: money(f.runRate), velocityRegression: money(f.velocity) },
    backtest: {
      mape: f.backtest.mape,
      months: f.backtest.months,
      byMonth: f.backtest.byMonth.map((m) => ({
        month: m.month.slice(0, 7),
        projected: money(m.projected),
        actual: money(m.actual),
        errorPercent: Math.round(m.errorPercent * 10) / 10,
      })),
    },
    days: f.days.map((d) => ({ day: d.day, actual: money(d.actual), expected: money(d.expected) })),
  };
}
