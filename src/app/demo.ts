import { priceRecord } from '../price/price-record.ts';
import { generateDemoUsage } from '../sources/demo/index.ts';
import type { AppContext } from './context.ts';

/** Fills an empty ledger with 90 days of demo spend; a ledger that holds records is left alone. */
export async function loadDemo(ctx: AppContext): Promise<{ loaded: number; skipped: boolean }> {
  const org = ctx.config.org;
  if ((await ctx.store.countUsage(org)) > 0) return { loaded: 0, skipped: true };
  const records = generateDemoUsage({ org, now: ctx.now() }).map((r) => priceRecord(r, ctx.catalog));
  let loaded = 0;
  for (let i = 0; i < records.length; i += 20_000) {
    loaded += (await ctx.store.insertUsage(records.slice(i, i + 20_000))).inserted;
  }
  return { loaded, skipped: false };
}
