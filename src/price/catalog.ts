import type { PriceEntry } from './entry.ts';
import { matchesRule } from './match.ts';
import { canonicalProvider, modelCandidates, modelKey, providerChain } from './model-name.ts';

/** A dated, searchable set of price entries. */
export interface PriceCatalog {
  /**
   * The entry in force for a model at `at`: the latest one effective on or before that UTC day, else the
   * earliest one. Null when no entry matches the model by name, alias or the generic rules in model-name.ts.
   */
  find(provider: string, model: string, at: Date): PriceEntry | null;
  /** Every entry, one per provider, model and effective date. */
  entries(): PriceEntry[];
  /** A new catalog where an override replaces the prices of the entry with its provider, model and date, or is added. */
  withOverrides(overrides: PriceEntry[]): PriceCatalog;
}

/**
 * Builds a catalog. When two entries share provider, model and effective date, the later one's prices win
 * and the aliases of both are kept.
 */
export function createCatalog(entries: PriceEntry[]): PriceCatalog {
  const unique = dedupe(entries);
  const { byModel, byAlias, byRule } = indexEntries(unique);

  function lookup(provider: string, name: string): PriceEntry[] | undefined {
    const key = nameKey(provider, name);
    const group = byModel.get(key);
    if (group) return group;
    const target = byAlias.get(key);
    return target === undefined ? undefined : byModel.get(target);
  }

  function groupFor(provider: string, model: string): PriceEntry[] | null {
    for (const candidateProvider of providerChain(provider)) {
      for (const name of modelCandidates(model)) {
        const group = lookup(candidateProvider, name);
        if (group) return group;
      }
      // why: names no alias lists (new snapshots, `claude-opus-4-6@2026…`) fall to the entries' own rules,
      // tried in catalog order, as genai-prices does.
      for (const name of modelCandidates(model)) {
        const rules = byRule.get(canonicalProvider(candidateProvider)) ?? [];
        const hit = rules.find((r) => matchesRule(r.rule, name));
        if (hit) return byModel.get(hit.key) ?? null;
      }
    }
    return null;
  }

  // why: ingest prices every record; a ledger names a few hundred models, so name resolution is memoised.
  const resolved = new Map<string, PriceEntry[] | null>();

  return {
    find(provider, model, at) {
      const key = `${provider}\u0000${model}`;
      let group = resolved.get(key);
      if (group === undefined) {
        group = groupFor(provider, model);
        // Stryker disable next-line all: the memo's bound decides only what is cached, never what is found
        if (resolved.size < 10_000) resolved.set(key, group);
      }
      // Stryker disable next-line MethodExpression: a day sorts before every instant of it, so the full instant compares alike
      return group && inForce(group, at.toISOString().slice(0, 10));
    },
    entries: () => [...unique],
    withOverrides: (overrides) => createCatalog([...unique, ...overrides]),
  };
}

// why: an override written to correct a price rarely repeats the aliases or match rule; dated names must keep working.
function dedupe(entries: PriceEntry[]): PriceEntry[] {
  const latest = new Map<string, PriceEntry>();
  for (const entry of entries) {
    const key = `${nameKey(entry.provider, entry.model)}\u0000${entry.effectiveFrom}`;
    const replaced = latest.get(key);
    const aliases = replaced ? [...new Set([...replaced.aliases, ...entry.aliases])] : entry.aliases;
    const match = entry.match ?? replaced?.match;
    latest.set(key, { ...entry, aliases, ...(match && { match }) });
  }
  return [...latest.values()];
}

/** Groups entries by provider and model, oldest first, maps each alias to its group, and lists match rules per provider. */
function indexEntries(entries: PriceEntry[]) {
  const byModel = new Map<string, PriceEntry[]>();
  const byAlias = new Map<string, string>();
  const byRule = new Map<string, { rule: NonNullable<PriceEntry['match']>; key: string }[]>();
  for (const entry of entries) {
    const key = nameKey(entry.provider, entry.model);
    // Stryker disable next-line ArrayDeclaration: a stray undated element sorts last and is never in force
    const group = byModel.get(key) ?? [];
    group.push(entry);
    byModel.set(key, group);
    for (const alias of entry.aliases) byAlias.set(nameKey(entry.provider, alias), key);
    const provider = canonicalProvider(entry.provider);
    const rules = byRule.get(provider) ?? [];
    // Stryker disable next-line ArrowFunction: a rule listed twice for one model finds the same model first
    if (entry.match && !rules.some((r) => r.key === key))
      byRule.set(provider, [...rules, { rule: entry.match, key }]);
  }
  for (const group of byModel.values()) {
    group.sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  }
  return { byModel, byAlias, byRule };
}

// why: prices before the catalog's first date are still best estimated from its earliest entry.
function inForce(group: PriceEntry[], day: string): PriceEntry {
  let chosen = group[0]!;
  for (const entry of group) {
    if (entry.effectiveFrom <= day) chosen = entry;
  }
  return chosen;
}

function nameKey(provider: string, model: string): string {
  return `${canonicalProvider(provider)}\u0000${modelKey(model)}`;
}
