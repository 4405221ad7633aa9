// The price stage: a dated catalog of model prices and the estimate of a record's cost from it.
export { bundledPriceEntries, CATALOG_DATE } from './bundled.ts';
export { createCatalog, type PriceCatalog } from './catalog.ts';
export {
  isoDateSchema,
  type LongContextTier,
  type MicrosPerMTok,
  type PriceEntry,
  type PriceEntryJson,
  priceEntrySchema,
  priceEntryToJson,
} from './entry.ts';
export { estimateCostMicros, type PricedUsage } from './estimate.ts';
export { type LiteLLMPrices, parseLiteLLMPrices } from './litellm.ts';
export { priceRecord } from './price-record.ts';
