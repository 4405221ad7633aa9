import type { ReconcileRow } from '../../analyze/reconcile.ts';
import type { Reconciliation } from '../../app/reconcile.ts';
import { formatMicros } from '../../domain/money.ts';

const money = (m: bigint | null) => (m === null ? null : formatMicros(m));

function rowJson(r: ReconcileRow) {
  return {
    day: r.day,
    provider: r.provider,
    project: r.project,
    billed: money(r.billedMicros),
    estimated: formatMicros(r.estimatedMicros),
    variance: money(r.varianceMicros),
    variancePercent: r.variancePercent,
    byModel: r.byModel.map((m) => ({
      model: m.model,
      billed: formatMicros(m.billedMicros),
      estimated: formatMicros(m.estimatedMicros),
      variance: formatMicros(m.varianceMicros),
    })),
    cache: r.cache,
    charges: money(r.chargesMicros),
    credits: money(r.creditsMicros),
    chargesVariance: money(r.chargesVarianceMicros),
    chargesVariancePercent: r.chargesVariancePercent,
    lineItems: r.lineItems.map((it) => ({
      item: it.item,
      kind: it.kind,
      model: it.model,
      billed: formatMicros(it.billedMicros),
      estimated: money(it.estimatedMicros),
      variance: money(it.varianceMicros),
      lines: it.lines,
    })),
    causes: r.causes.map((c) => ({ code: c.code, amount: money(c.amountMicros), message: c.message })),
  };
}

/** The reconciliation in the API's JSON shape (also printed by `spendlens reconcile --json`). */
export function reconciliationJson(r: Reconciliation) {
  return {
    currency: r.currency,
    from: r.from.toISOString(),
    to: r.to.toISOString(),
    rows: r.rows.map(rowJson),
    totals: {
      billed: formatMicros(r.totals.billedMicros),
      estimated: formatMicros(r.totals.estimatedMicros),
      variance: formatMicros(r.totals.billedMicros - r.totals.estimatedMicros),
      charges: formatMicros(r.totals.chargesMicros),
      credits: formatMicros(r.totals.creditsMicros),
      chargesVariance: formatMicros(r.totals.chargesMicros - r.totals.estimatedMicros),
    },
    warnings: r.warnings,
  };
}

export type ReconciliationJson = ReturnType<typeof reconciliationJson>;
