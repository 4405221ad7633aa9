import { priceRecord } from '../price/price-record.ts';
import { generateDemoUsage } from '../sources/demo/index.ts';
import { DEMO_TEAMS } from '../sources/demo/team.ts';
import type { AppContext } from './context.ts';
import { operator } from './identity/guard.ts';
import { createTeam } from './identity/teams.ts';

/**
 * Fills an empty ledger with 90 days of demo spend and creates the teams it spends in (so Settings and
 * team budgets have them); a ledger that holds records is left alone.
 */
export async function loadDemo(ctx: AppContext): Promise<{ loaded: number; skipped: boolean }> {
  const org = ctx.config.org;
  if ((await ctx.usage.countUsage(org)) > 0) return { loaded: 0, skipped: true };
  const records = generateDemoUsage({ org, now: ctx.now() }).map((r) => priceRecord(r, ctx.catalog));
  let loaded = 0;
  for (let i = 0; i < records.length; i += 20_000) {
    loaded += (await ctx.usage.insertUsage(records.slice(i, i + 20_000))).inserted;
  }
  const existing = new Set((await ctx.identity.listTeams(org)).map((t) => t.name));
  for (const team of DEMO_TEAMS) {
    if (!existing.has(team)) await createTeam(ctx, org, team, operator(org));
  }
  return { loaded, skipped: false };
}
