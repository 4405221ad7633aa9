import { attributeRecord } from '../attribute/index.ts';
import type { FieldError } from '../domain/errors.ts';
import type { UsageRecord } from '../domain/record.ts';
import { normalizeUsage } from '../normalize/usage.ts';
import { priceRecord } from '../price/price-record.ts';
import type { AppContext } from './context.ts';
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
  input.items.forEach((item, index) => {
    const result = normalizeUsage(item, { org: input.org, source: input.source });
    if (result.ok) records.push(attributeRecord(priceRecord(result.record, ctx.catalog), ctx.attribution));
    else rejected.push({ index, errors: result.errors });
  });
  return { records, rejected, unpriced: unpricedModels(records, ctx.catalog) };
}

/**
 * The ingest use case: validate each raw record, price it, store the valid ones. Valid records land
 * even when others in the batch are rejected; the promise resolves once they are durable.
 */
export async function ingestUsage(
  ctx: AppContext,
  input: { org: string; source: string; items: unknown[] },
): Promise<IngestResult> {
  const { records, rejected, unpriced } = prepareUsage(ctx, input);
  const { inserted, duplicates } = await ctx.store.insertUsage(records);
  return { accepted: inserted, duplicates, rejected, unpriced };
}
