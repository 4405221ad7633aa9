import { DAY_MS } from '../lib/time.ts';
import type { PriceCatalog } from '../price/catalog.ts';
import type { PriceEntry } from '../price/entry.ts';

/**
 * A view of `catalog` that remembers each lookup per provider, model and UTC day: a batch names a few
 * models over a few days, and resolving a name and its date in force cost more than pricing the record.
 * Made per batch, so a changed catalog (a price override) is seen by the next batch.
 */
export function cachedByDay(catalog: PriceCatalog): PriceCatalog {
  const byModel = new Map<string, Map<number, PriceEntry | null>>();
  return {
    find(provider, model, at) {
      const key = `${provider}\u0000${model}`;
      let days = byModel.get(key);
      if (!days) {
        days = new Map();
        byModel.set(key, days);
      }
      // why: the catalog decides by UTC calendar day, so every instant of one day finds the same entry.
      const day = Math.floor(at.getTime() / DAY_MS);
      let entry = days.get(day);
      if (entry === undefined) {
        entry = catalog.find(provider, model, at);
        days.set(day, entry);
      }
      return entry;
    },
    entries: () => catalog.entries(),
    withOverrides: (overrides) => catalog.withOverrides(overrides),
  };
}
