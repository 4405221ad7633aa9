import type { FieldError } from '../domain/errors.ts';
import type { UsageRecord } from '../domain/record.ts';
import { normalizeUsage } from '../normalize/usage.ts';
import { priceRecord } from '../price/price-record.ts';
import type { AppContext } from './context.ts';

export interface Rejection {
  index: number;
  errors: FieldError[];
}

export interface IngestResult {
  accepted: number;
  duplicates: number;
  rejected: Rejection[];
}

/**
 * The ingest use case: validate each raw record, price it, store the valid ones. Valid records land
 * even when others in the batch are rejected; the promise resolves once they are durable.
 */
export async function ingestUsage(
  ctx: AppContext,
  input: { org: string; source: string; items: unknown[]; indexOffset?: number },
): Promise<IngestResult> {
  const records: UsageRecord[] = [];
  const rejected: Rejection[] = [];
  const offset = input.indexOffset ?? 0;
  input.items.forEach((item, i) => {
    const result = normalizeUsage(item, { org: input.org, source: input.source });
    if (result.ok) records.push(priceRecord(result.record, ctx.catalog));
    else rejected.push({ index: i + offset, errors: result.errors });
  });
  const { inserted, duplicates } = await ctx.store.insertUsage(records);
  return { accepted: inserted, duplicates, rejected };
}
