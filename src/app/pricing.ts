import { AppError } from '../domain/errors.ts';
import type { UsageRecord } from '../domain/record.ts';
import { fieldErrors } from '../normalize/usage.ts';
import { bundledPriceEntries, CATALOG_DATE } from '../price/bundled.ts';
import { createCatalog, type PriceCatalog } from '../price/catalog.ts';
import { type PriceEntry, priceEntrySchema, priceEntryToJson } from '../price/entry.ts';
import { parseLiteLLMPrices } from '../price/litellm.ts';
import { priceRecord } from '../price/price-record.ts';
import type { CostUpdate } from '../store/types.ts';
import type { AppContext } from './context.ts';

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
export async function loadCatalog(ctx: Pick<AppContext, 'config' | 'store'>): Promise<PriceCatalog> {
  const stored = await ctx.store.listPriceOverrides(ctx.config.org);
  const saved = stored.map((o) => priceEntrySchema.parse(o.entry));
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
    await ctx.store.putPriceOverride({
      org: ctx.config.org,
      provider: entry.provider,
      model: entry.model,
      effectiveFrom: entry.effectiveFrom,
      entry: priceEntryToJson(entry) as unknown as Record<string, unknown>,
      updatedAt: ctx.now(),
    });
  }
  ctx.catalog = await loadCatalog(ctx);
  await ctx.store.addAudit({
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
  for await (const batch of ctx.store.scanUsage({ ...filter, costKinds: [...filter.costKinds] }, 5_000)) {
    const updates: CostUpdate[] = [];
    for (const record of batch) {
      result.examined++;
      const priced = priceRecord(record, ctx.catalog);
      if (priced.costKind === 'unpriced') result.stillUnpriced++;
      if (costChanged(record, priced)) updates.push(priced);
    }
    result.changed += await ctx.store.updateCosts(input.org, updates);
  }
  await ctx.store.addAudit({
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
    ctx.store.listPriceOverrides(org),
    ctx.store.unpricedModels(org),
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
    models: catalog.entries().map(priceEntryToJson),
    overrides: overrides.map((o) => ({ ...o.entry, updatedAt: o.updatedAt.toISOString() })),
    unpriced: unpriced.map((u) => ({
      ...u,
      firstSeen: u.firstSeen.toISOString(),
      lastSeen: u.lastSeen.toISOString(),
    })),
  };
}

export type PricingOverview = Awaited<ReturnType<typeof pricingOverview>>;
