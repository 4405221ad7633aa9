import type { UsageRecord } from '../domain/record.ts';
import type { PriceCatalog } from '../price/catalog.ts';
import { suggestModel } from '../price/suggest.ts';

/** A model a batch named that the catalog has no price for, with the known name it most likely meant. */
export interface UnpricedModel {
  provider: string;
  model: string;
  /** Records of this batch stored `unpriced` for it (a null cost, never $0). */
  count: number;
  suggestion: string | null;
}

/** The unpriced records of a batch, one line per provider and model, most records first. */
export function unpricedModels(records: readonly UsageRecord[], catalog: PriceCatalog): UnpricedModel[] {
  const counts = new Map<string, { provider: string; model: string; count: number }>();
  for (const r of records) {
    if (r.costKind !== 'unpriced') continue;
    const key = `${r.provider}\u0000${r.model}`;
    const line = counts.get(key) ?? { provider: r.provider, model: r.model, count: 0 };
    line.count++;
    counts.set(key, line);
  }
  const lines = [...counts.values()].map((x) => ({
    ...x,
    suggestion: suggestModel(catalog, x.provider, x.model),
  }));
  return sortUnpriced(lines);
}

/** Adds one batch's unpriced models to a running summary (an import, a collector pass). */
export function mergeUnpriced(total: UnpricedModel[], more: readonly UnpricedModel[]): UnpricedModel[] {
  const merged = new Map(total.map((x) => [`${x.provider}\u0000${x.model}`, { ...x }]));
  for (const x of more) {
    const key = `${x.provider}\u0000${x.model}`;
    const line = merged.get(key);
    if (line) line.count += x.count;
    else merged.set(key, { ...x });
  }
  return sortUnpriced([...merged.values()]);
}

function sortUnpriced(lines: UnpricedModel[]): UnpricedModel[] {
  return lines.sort((a, b) => b.count - a.count || a.model.localeCompare(b.model));
}
