/** An org's own price for a model from a day on, beside the bundled price list. */
export interface StoredPriceOverride {
  org: string;
  provider: string;
  model: string;
  effectiveFrom: string;
  /** The override as its JSON document (see src/price/entry.ts). */
  entry: Record<string, unknown>;
  updatedAt: Date;
}

/** Price overrides, keyed by (org, provider, model, effectiveFrom). */
export interface PriceOverrideRepo {
  /** Writes an override, replacing the one with the same key. */
  putPriceOverride(override: StoredPriceOverride): Promise<void>;
  /** False when there was no such override. */
  deletePriceOverride(org: string, provider: string, model: string, effectiveFrom: string): Promise<boolean>;
  /** The org's overrides by provider, model and date. */
  listPriceOverrides(org: string): Promise<StoredPriceOverride[]>;
}
