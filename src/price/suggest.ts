import { closeEnough, editDistance, nearest } from '../lib/nearest.ts';
import type { PriceCatalog } from './catalog.ts';

/**
 * The name the catalog knows for `provider` that an unpriced `model` most likely meant: the nearest by
 * edit distance (`gtp-5` → `gpt-5`), else the longest known name the model extends (`claude-sonnet-4-5-fast`
 * → `claude-sonnet-4-5`), else one that extends the model (`o3` → `o3-mini`). Null when nothing is near.
 */
export function suggestModel(catalog: PriceCatalog, provider: string, model: string): string | null {
  const names = knownNames(catalog, provider);
  const name = model.trim().toLowerCase();
  const typo = nearest(name, names, { maxDistance: closeEnough(name), key: (s) => s.toLowerCase() });
  if (typo) return typo;
  const family = (a: string, b: string) => a.startsWith(`${b.toLowerCase()}-`);
  const base = names.filter((known) => family(name, known)).sort((a, b) => b.length - a.length)[0];
  if (base) return base;
  const variants = names.filter((known) => family(known.toLowerCase(), name));
  return variants.sort((a, b) => editDistance(name, a) - editDistance(name, b))[0] ?? null;
}

/** The models and aliases of one provider, each once, models before aliases. */
function knownNames(catalog: PriceCatalog, provider: string): string[] {
  const wanted = provider.trim().toLowerCase();
  const entries = catalog.entries().filter((entry) => entry.provider.toLowerCase() === wanted);
  return [...new Set([...entries.map((e) => e.model), ...entries.flatMap((e) => e.aliases)])];
}
