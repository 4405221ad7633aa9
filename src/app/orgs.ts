import type { AppContext } from './context.ts';

/**
 * The orgs scheduled work runs for: the configured org, and every org with an account (a second
 * tenant's budgets alert and its reports are archived just the same). The configured org comes first.
 */
export async function activeOrgs(ctx: AppContext): Promise<string[]> {
  const stored = (await ctx.identity.listOrgs()).map((o) => o.id);
  return [...new Set([ctx.config.org, ...stored])];
}
