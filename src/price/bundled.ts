import { ANTHROPIC_ROWS, GOOGLE_ROWS, OPENAI_ROWS } from './bundled-data.ts';
import { type PriceEntry, priceEntrySchema } from './entry.ts';

/** The day the bundled prices were read; every bundled entry is effective from it. */
export const CATALOG_DATE = '2026-06-01';

const BATCH_DISCOUNT_PERCENT = 50;

/** The prices shipped with spendlens for OpenAI, Anthropic and Google models, parsed fresh on each call. */
export function bundledPriceEntries(): PriceEntry[] {
  return [...OPENAI_ROWS, ...ANTHROPIC_ROWS, ...GOOGLE_ROWS].map((row) =>
    priceEntrySchema.parse({
      ...row,
      effectiveFrom: CATALOG_DATE,
      batchDiscountPercent: BATCH_DISCOUNT_PERCENT,
      currency: 'USD',
    }),
  );
}
