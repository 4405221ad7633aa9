import { moneyText } from './money-text.ts';
import {
  type BilledLine,
  type Cause,
  causes,
  type EstimatedPart,
  type LineItemVariance,
  lineItems,
} from './reconcile-lines.ts';

/** One day's spend of a provider, project and model: from invoice lines (billed) or usage (estimate). */
export interface ReconcileInput {
  day: string;
  provider: string;
  project: string | null;
  model: string;
  costMicros: bigint;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  /** Requests of models without a price (estimates only). */
  unpricedRequests?: number;
}

/** The finer view that names a residue: each invoice line, and the estimate split into its parts (null when not computed). */
export interface ReconcileDetail {
  lines: BilledLine[];
  parts: EstimatedPart[] | null;
  currency: string;
}

export interface ModelVariance {
  model: string;
  billedMicros: bigint;
  estimatedMicros: bigint;
  varianceMicros: bigint;
}

export interface CacheContributor {
  model: string;
  cacheReadTokens: number;
  cacheWriteTokens: number;
}

/** Billed against estimated for one day, provider and project. `billedMicros` is null when the provider sent no invoice lines at all. */
export interface ReconcileRow {
  day: string;
  provider: string;
  project: string | null;
  billedMicros: bigint | null;
  estimatedMicros: bigint;
  /** billed − estimated; null without billed data. */
  varianceMicros: bigint | null;
  /** variance / estimated × 100, two decimals; null without billed data or with no estimate. */
  variancePercent: number | null;
  byModel: ModelVariance[];
  cache: { cacheReadTokens: number; cacheWriteTokens: number; byModel: CacheContributor[] };
  /** The bill's positive lines; null without billed data. `billedMicros` is charges + credits. */
  chargesMicros: bigint | null;
  /** The bill's negative lines (credits, refunds), ≤ 0; null without billed data. */
  creditsMicros: bigint | null;
  /** charges − estimated: the variance with credits set apart; null without billed data. */
  chargesVarianceMicros: bigint | null;
  chargesVariancePercent: number | null;
  /** The bill's line items against the matching part of the estimate (empty without billed data). */
  lineItems: LineItemVariance[];
  /** Known causes of the residue, in words. */
  causes: Cause[];
}

const abs = (x: bigint) => (x < 0n ? -x : x);

/**
 * Reconciles invoice lines with usage estimates, per day, provider and project, sorted by day then by
 * the size of the variance. Invoice lines name models loosely (`gpt-4o-2024-08-06, input`): a line
 * counts for the usage model its text starts with (the longest such), else under its own name.
 */
export function reconcile(
  billed: ReconcileInput[],
  estimated: ReconcileInput[],
  top = 5,
  detail: ReconcileDetail = { lines: [], parts: null, currency: 'USD' },
): ReconcileRow[] {
  const billedProviders = new Set(billed.map((b) => b.provider));
  interface Group {
    day: string;
    provider: string;
    project: string | null;
    models: Map<string, ModelVariance>;
    cache: Map<string, CacheContributor>;
    unpriced: number;
    lines: BilledLine[];
    parts: EstimatedPart[];
  }
  const groups = new Map<string, Group>();
  const groupOf = (r: { day: string; provider: string; project: string | null }) => {
    const key = JSON.stringify([r.day, r.provider, r.project]);
    let g = groups.get(key);
    if (!g) {
      g = {
        day: r.day,
        provider: r.provider,
        project: r.project,
        models: new Map(),
        cache: new Map(),
        unpriced: 0,
        lines: [],
        parts: [],
      };
      groups.set(key, g);
    }
    return g;
  };
  const modelOf = (g: Group, model: string) => {
    let m = g.models.get(model);
    if (!m) {
      m = { model, billedMicros: 0n, estimatedMicros: 0n, varianceMicros: 0n };
      g.models.set(model, m);
    }
    return m;
  };
  for (const e of estimated) {
    const g = groupOf(e);
    modelOf(g, e.model).estimatedMicros += e.costMicros;
    const c = g.cache.get(e.model) ?? { model: e.model, cacheReadTokens: 0, cacheWriteTokens: 0 };
    c.cacheReadTokens += e.cacheReadTokens;
    c.cacheWriteTokens += e.cacheWriteTokens;
    g.cache.set(e.model, c);
    g.unpriced += e.unpricedRequests ?? 0;
  }
  for (const line of detail.lines) groupOf(line).lines.push(line);
  for (const part of detail.parts ?? []) groupOf(part).parts.push(part);
  for (const b of billed) {
    const g = groupOf(b);
    modelOf(g, matchModel(b.model, [...g.models.keys()])).billedMicros += b.costMicros;
  }
  const rows: ReconcileRow[] = [];
  for (const g of groups.values()) {
    const hasBilled = billedProviders.has(g.provider);
    const models = [...g.models.values()].map((m) => ({
      ...m,
      varianceMicros: m.billedMicros - m.estimatedMicros,
    }));
    const billedMicros = models.reduce((s, m) => s + m.billedMicros, 0n);
    const estimatedMicros = models.reduce((s, m) => s + m.estimatedMicros, 0n);
    const variance = billedMicros - estimatedMicros;
    const cache = [...g.cache.values()];
    const credits = hasBilled ? creditsOf(g.lines, models) : null;
    const charges = credits === null ? null : billedMicros - credits;
    const chargesVariance = charges === null ? null : charges - estimatedMicros;
    const items = hasBilled
      ? lineItems(
          g.lines.filter((l) => l.costMicros >= 0n),
          detail.parts ? g.parts : [],
        ).map((it) => (detail.parts ? it : { ...it, estimatedMicros: null, varianceMicros: null }))
      : [];
    const money = (m: bigint) => moneyText(Number(m) / 1e6, detail.currency);
    rows.push({
      day: g.day,
      provider: g.provider,
      project: g.project,
      billedMicros: hasBilled ? billedMicros : null,
      estimatedMicros,
      varianceMicros: hasBilled ? variance : null,
      variancePercent: hasBilled ? percentOf(variance, estimatedMicros) : null,
      byModel: hasBilled
        ? models
            .filter((m) => m.varianceMicros !== 0n)
            .sort(
              (a, b) => cmp(abs(b.varianceMicros), abs(a.varianceMicros)) || a.model.localeCompare(b.model),
            )
            .slice(0, top)
        : [],
      cache: {
        cacheReadTokens: cache.reduce((s, c) => s + c.cacheReadTokens, 0),
        cacheWriteTokens: cache.reduce((s, c) => s + c.cacheWriteTokens, 0),
        byModel: cache
          .filter((c) => c.cacheReadTokens + c.cacheWriteTokens > 0)
          .sort(
            (a, b) =>
              b.cacheReadTokens + b.cacheWriteTokens - (a.cacheReadTokens + a.cacheWriteTokens) ||
              a.model.localeCompare(b.model),
          )
          .slice(0, top),
      },
      chargesMicros: charges,
      creditsMicros: credits,
      chargesVarianceMicros: chargesVariance,
      chargesVariancePercent: percentOf(chargesVariance, estimatedMicros),
      lineItems: items,
      causes: causes({
        provider: g.provider,
        creditsMicros: credits ?? 0n,
        parts: g.parts,
        items,
        unpricedRequests: g.unpriced,
        money,
      }),
    });
  }
  return rows.sort(
    (a, b) =>
      a.day.localeCompare(b.day) ||
      cmp(abs(b.varianceMicros ?? 0n), abs(a.varianceMicros ?? 0n)) ||
      a.provider.localeCompare(b.provider) ||
      (a.project ?? '').localeCompare(b.project ?? ''),
  );
}

/** The usage model an invoice line belongs to: the longest usage model its text starts with. */
export function matchModel(line: string, models: string[]): string {
  const text = line.toLowerCase();
  let best: string | null = null;
  for (const m of models) {
    if (text.startsWith(m.toLowerCase()) && (!best || m.length > best.length)) best = m;
  }
  return best ?? line;
}

/** variance / estimated × 100 with two decimals; null when either is missing or nothing was estimated. */
function percentOf(variance: bigint | null, estimated: bigint): number | null {
  return variance === null || estimated === 0n ? null : Number((variance * 10_000n) / estimated) / 100;
}

/** The credits of a row: its negative invoice lines, or without lines its negative per-model sums. */
function creditsOf(lines: BilledLine[], models: ModelVariance[]): bigint {
  const negative = (xs: bigint[]) => xs.filter((x) => x < 0n).reduce((s, x) => s + x, 0n);
  return lines.length
    ? negative(lines.map((l) => l.costMicros))
    : negative(models.map((m) => m.billedMicros));
}

function cmp(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
