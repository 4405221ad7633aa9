import type { UsageRecord } from '../domain/record.ts';
import type { PriceCatalog } from './catalog.ts';
import { estimateCostMicros } from './estimate.ts';

const FAST_SUFFIX = /-fast$/i;

/**
 * Prices a record from the catalog at its timestamp. A `billed` record keeps the provider's cost; any
 * other comes back `estimated` in USD. For a model the catalog does not know, a source's own estimate
 * stays; without one the record is `unpriced` with a null cost, so an unknown model never reads as $0.
 */
export function priceRecord(record: UsageRecord, catalog: PriceCatalog): UsageRecord {
  if (record.costKind === 'billed') return record;
  const entry = catalog.find(record.provider, record.model, record.timestamp);
  if (!entry) {
    // why: a source's own estimate (e.g. costUSD in old Claude Code logs) beats no price at all.
    if (record.costKind === 'estimated' && record.costMicros !== null) return record;
    return { ...record, costKind: 'unpriced', costMicros: null };
  }
  // why: Claude Code names fast-mode calls `<model>-fast`; they are the model at its fast-mode price.
  const usage = FAST_SUFFIX.test(record.model)
    ? { ...record, tags: { ...record.tags, speed: 'fast' } }
    : record;
  return {
    ...record,
    costKind: 'estimated',
    costMicros: estimateCostMicros(entry, usage),
    currency: entry.currency,
  };
}
