/** One day's spend of a provider, project and model: from invoice lines (billed) or usage (estimate). */
export interface ReconcileInput {
  day: string;
  provider: string;
  project: string | null;
  model: string;
  costMicros: bigint;
  cacheReadTokens: number;
  cacheWriteTokens: number;
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
}

const abs = (x: bigint) => (x < 0n ? -x : x);

/**
 * Reconciles invoice lines with usage estimates, per day, provider and project, sorted by day then by
 * the size of the variance. Invoice lines name models loosely (`gpt-4o-2024-08-06, input`): a line
 * counts for the usage model its text starts with (the longest such), else under its own name.
 */
export function reconcile(billed: ReconcileInput[], estimated: ReconcileInput[], top = 5): ReconcileRow[] {
  const billedProviders = new Set(billed.map((b) => b.provider));
  interface Group {
    day: string;
    provider: string;
    project: string | null;
    models: Map<string, ModelVariance>;
    cache: Map<string, CacheContributor>;
  }
  const groups = new Map<string, Group>();
  const groupOf = (r: ReconcileInput) => {
    const key = JSON.stringify([r.day, r.provider, r.project]);
    let g = groups.get(key);
    if (!g) {
      g = { day: r.day, provider: r.provider, project: r.project, models: new Map(), cache: new Map() };
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
  }
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
    rows.push({
      day: g.day,
      provider: g.provider,
      project: g.project,
      billedMicros: hasBilled ? billedMicros : null,
      estimatedMicros,
      varianceMicros: hasBilled ? variance : null,
      variancePercent:
        hasBilled && estimatedMicros !== 0n ? Number((variance * 10_000n) / estimatedMicros) / 100 : null,
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

function cmp(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
