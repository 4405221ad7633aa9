import { attributeRecord } from '../attribute/index.ts';
import { AppError, type FieldError } from '../domain/errors.ts';
import { MAX_RECORD_COST_MICROS } from '../domain/limits.ts';
import type { UsageRecord } from '../domain/record.ts';
import { normalizeUsage } from '../normalize/usage.ts';
import type { PriceCatalog } from '../price/catalog.ts';
import { priceRecord } from '../price/price-record.ts';
import type { AppContext } from './context.ts';
import { cachedByDay } from './price-cache.ts';
import { type UnpricedModel, unpricedModels } from './unpriced.ts';

export interface Rejection {
  index: number;
  errors: FieldError[];
}

export interface IngestResult {
  accepted: number;
  duplicates: number;
  rejected: Rejection[];
  /** Models of the valid records that the catalog cannot price; stored `unpriced`, never as $0. */
  unpriced: UnpricedModel[];
}

/** Validates, prices and attributes raw records; CPU only, so callers can overlap it with the previous write. */
export function prepareUsage(
  ctx: AppContext,
  input: { org: string; source: string; items: unknown[] },
): { records: UsageRecord[]; rejected: Rejection[]; unpriced: UnpricedModel[] } {
  const records: UsageRecord[] = [];
  const rejected: Rejection[] = [];
  const catalog = input.items.length > 1 ? cachedByDay(ctx.catalog) : ctx.catalog;
  input.items.forEach((item, index) => {
    const result = normalizeUsage(item, { org: input.org, source: input.source });
    const priced = result.ok ? withinLimit(result.record, catalog) : null;
    if (priced) records.push(attributeRecord(priced, ctx.attribution));
    else if (!result.ok) rejected.push({ index, errors: result.errors });
    else rejected.push({ index, errors: [{ path: 'cost', message: ESTIMATE_TOO_LARGE }] });
  });
  return { records, rejected, unpriced: unpricedModels(records, ctx.catalog) };
}

const ESTIMATE_TOO_LARGE = 'the estimated cost is beyond ±1000000000 (a billion) per record';

/** The priced record, or null when its estimate passes the per-record cost limit. */
export function priceWithinLimit(record: UsageRecord, ctx: AppContext): UsageRecord | null {
  return withinLimit(record, ctx.catalog);
}

function withinLimit(record: UsageRecord, catalog: PriceCatalog): UsageRecord | null {
  try {
    const priced = priceRecord(record, catalog);
    return Math.abs(priced.costMicros ?? 0) <= MAX_RECORD_COST_MICROS ? priced : null;
  } catch (error) {
    // why: an estimate past 2^53 micro-units (huge counts at an extreme override price) is refused, not a 500.
    if (error instanceof AppError) return null;
    throw error;
  }
}

/**
 * The ingest use case: validate each raw record, price it, store the valid ones. Valid records land
 * even when others in the batch are rejected; the promise resolves once they are durable.
 */
export async function ingestUsage(
  ctx: AppContext,
  input: { org: string; source: string; items: unknown[] },
): Promise<IngestResult> {
  return storePrepared(ctx, prepareUsage(ctx, input));
}

/** Stores what `prepareUsage` made of a batch; resolves once it is durable. */
export async function storePrepared(
  ctx: AppContext,
  prepared: ReturnType<typeof prepareUsage>,
): Promise<IngestResult> {
  const { inserted, duplicates } = await ctx.usage.insertUsage(prepared.records);
  return { accepted: inserted, duplicates, rejected: prepared.rejected, unpriced: prepared.unpriced };
}
