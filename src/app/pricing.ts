import { countJson } from '../domain/count.ts';
import { AppError } from '../domain/errors.ts';
import type { UsageRecord } from '../domain/record.ts';
import { fieldErrors } from '../normalize/usage.ts';
import { bundledPriceEntries, CATALOG_DATE, CATALOG_SOURCE, supersededByBundle } from '../price/bundled.ts';
import { createCatalog, type PriceCatalog } from '../price/catalog.ts';
import { type PriceEntry, priceEntrySchema, priceEntryToJson } from '../price/entry.ts';
import { fromGenaiPrices } from '../price/genai-prices.ts';
import { withHouseRules } from '../price/house-rules.ts';
import { parseLiteLLMPrices } from '../price/litellm.ts';
import type { CostUpdate } from '../store/types.ts';
import type { AppContext } from './context.ts';
import { priceWithinLimit } from './ingest.ts';

/** Parses the `prices` overrides of spendlens.toml; a bad one names `prices[i].field`. */
export function configPriceEntries(prices: Record<string, unknown>[]): PriceEntry[] {
  return prices.map((raw, i) => {
    const parsed = priceEntrySchema.safeParse(raw);
    if (parsed.success) return parsed.data;
    const detail = fieldErrors(parsed.error).map((e) => `  prices[${i}].${e.path}: ${e.message}`);
    throw new AppError('config_invalid', `invalid price override in spendlens.toml:\n${detail.join('\n')}`);
  });
}

/** The catalog in force: bundled prices < spendlens.toml overrides < overrides saved through the API or CLI. */
export async function loadCatalog(ctx: Pick<AppContext, 'config' | 'priceOverrides'>): Promise<PriceCatalog> {
  const stored = await ctx.priceOverrides.listPriceOverrides(ctx.config.org);
  const saved = stored
    .map((o) => priceEntrySchema.parse(o.entry))
    .filter((entry) => !supersededByBundle(entry.origin));
  return createCatalog(bundledPriceEntries())
    .withOverrides(configPriceEntries(ctx.config.prices))
    .withOverrides(saved);
}

/** Saves price overrides for the org and rebuilds the live catalog. */
export async function savePriceOverrides(
  ctx: AppContext,
  entries: PriceEntry[],
  actor: string,
): Promise<void> {
  for (const entry of entries) {
    await ctx.priceOverrides.putPriceOverride({
      org: ctx.config.org,
      provider: entry.provider,
      model: entry.model,
      effectiveFrom: entry.effectiveFrom,
      entry: priceEntryToJson(entry) as unknown as Record<string, unknown>,
      updatedAt: ctx.now(),
    });
  }
  ctx.catalog = await loadCatalog(ctx);
  await ctx.audit.addAudit({
    org: ctx.config.org,
    at: ctx.now(),
    actor,
    action: 'pricing.override',
    detail: {
      models: entries.slice(0, 50).map((e) => `${e.provider}/${e.model}@${e.effectiveFrom}`),
      count: entries.length,
    },
  });
}

/** Reads a LiteLLM price file and saves its entries as overrides. */
export async function importLiteLLM(ctx: AppContext, json: unknown, actor: string) {
  const effectiveFrom = ctx.now().toISOString().slice(0, 10);
  const parsed = parseLiteLLMPrices(json, effectiveFrom);
  await savePriceOverrides(ctx, parsed.entries, actor);
  return { imported: parsed.entries.length, skipped: parsed.skipped, effectiveFrom };
}

export interface CatalogUpdate {
  origin: string;
  /** Entries read from the new data, and of those, the ones saved because they differ from the catalog in force. */
  read: number;
  added: string[];
  changed: string[];
  skipped: { model: string; reason: string }[];
}

/**
 * Loads newer base prices (genai-prices providers, from an installed package or its data.json) and
 * saves as overrides, marked with their origin, the entries that add a model or a price period or
 * change a price. Past records keep the price in force at their own time; `repriceRecords` applies it.
 */
export async function updateCatalog(
  ctx: AppContext,
  input: { providers: unknown[]; origin: string },
  actor: string,
): Promise<CatalogUpdate> {
  const converted = fromGenaiPrices(input.providers);
  const fresh = withHouseRules(converted.entries).map((entry) => ({ ...entry, origin: input.origin }));
  const current = new Map(ctx.catalog.entries().map((e) => [entryKey(e), comparable(e)]));
  const result: CatalogUpdate = {
    origin: input.origin,
    read: fresh.length,
    added: [],
    changed: [],
    skipped: converted.skipped,
  };
  const save: PriceEntry[] = [];
  for (const entry of fresh) {
    const before = current.get(entryKey(entry));
    if (before === comparable(entry)) continue;
    (before === undefined ? result.added : result.changed).push(entryKey(entry));
    save.push(entry);
  }
  if (save.length) await savePriceOverrides(ctx, save, actor);
  await ctx.audit.addAudit({
    org: ctx.config.org,
    at: ctx.now(),
    actor,
    action: 'pricing.update',
    detail: {
      origin: input.origin,
      read: result.read,
      added: result.added.length,
      changed: result.changed.length,
    },
  });
  return result;
}

const entryKey = (e: PriceEntry) => `${e.provider}/${e.model}@${e.effectiveFrom}`;

// why: two entries price alike when everything but their names and origin agree.
function comparable(entry: PriceEntry): string {
  const { aliases: _a, match: _m, origin: _o, ...prices } = priceEntryToJson(entry);
  return JSON.stringify(prices);
}

export interface RepriceResult {
  examined: number;
  changed: number;
  stillUnpriced: number;
}

/**
 * Re-prices stored `estimated` and `unpriced` records from the current catalog (billed costs are the
 * provider's and never change), optionally only some models, and writes an audit entry.
 */
export async function repriceRecords(
  ctx: AppContext,
  input: { org: string; models?: string[]; actor: string },
): Promise<RepriceResult> {
  const result: RepriceResult = { examined: 0, changed: 0, stillUnpriced: 0 };
  const filter = { org: input.org, costKinds: ['estimated', 'unpriced'] as const, models: input.models };
  for await (const batch of ctx.usage.scanUsage({ ...filter, costKinds: [...filter.costKinds] }, 5_000)) {
    const updates: CostUpdate[] = [];
    for (const record of batch) {
      result.examined++;
      // why: an estimate past the per-record cost limit (huge counts at an extreme price) keeps its old cost.
      const priced = priceWithinLimit(record, ctx);
      if (!priced) continue;
      if (priced.costKind === 'unpriced') result.stillUnpriced++;
      if (costChanged(record, priced)) updates.push(priced);
    }
    result.changed += await ctx.usage.updateCosts(input.org, updates);
  }
  await ctx.audit.addAudit({
    org: input.org,
    at: ctx.now(),
    actor: input.actor,
    action: 'pricing.reprice',
    detail: { models: input.models ?? 'all', ...result },
  });
  return result;
}

function costChanged(before: UsageRecord, after: UsageRecord): boolean {
  return (
    before.costMicros !== after.costMicros ||
    before.costKind !== after.costKind ||
    before.currency !== after.currency
  );
}

/** The catalog, saved overrides and unpriced models, as `GET /api/v1/pricing` answers them. */
export async function pricingOverview(ctx: AppContext, org: string) {
  const [overrides, unpriced] = await Promise.all([
    ctx.priceOverrides.listPriceOverrides(org),
    ctx.usage.unpricedModels(org),
  ]);
  // why: the live catalog holds the configured org's saved overrides; another org sees the shared prices only.
  const catalog =
    org === ctx.config.org
      ? ctx.catalog
      : createCatalog(bundledPriceEntries()).withOverrides(configPriceEntries(ctx.config.prices));
  return {
    currency: 'USD',
    unit: 'USD per 1M tokens',
    catalogDate: CATALOG_DATE,
    catalogSource: CATALOG_SOURCE,
    models: catalog.entries().map(priceEntryToJson),
    overrides: overrides.map((o) => ({ ...o.entry, updatedAt: o.updatedAt.toISOString() })),
    unpriced: unpriced.map((u) => ({
      ...u,
      requests: countJson(u.requests),
      inputTokens: countJson(u.inputTokens),
      outputTokens: countJson(u.outputTokens),
      firstSeen: u.firstSeen.toISOString(),
      lastSeen: u.lastSeen.toISOString(),
    })),
  };
}

export type PricingOverview = Awaited<ReturnType<typeof pricingOverview>>;
