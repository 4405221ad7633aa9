import type { AppContext } from '../context.ts';
import { setupLink } from './invitations.ts';
import { createUser } from './users.ts';

/**
 * The first start of an org without users: creates the owner from SPENDLENS_OWNER_EMAIL and
 * SPENDLENS_OWNER_PASSWORD, or returns a one-time setup link for `serve` to print.
 */
export async function ensureOwner(ctx: AppContext, base?: string): Promise<string | null> {
  const org = ctx.config.org;
  if ((await ctx.identity.listUsers(org)).length > 0) return null;
  const owner = ctx.config.owner;
  if (owner) {
    const input = {
      org,
      email: owner.email,
      name: owner.email,
      role: 'owner' as const,
      password: owner.password,
    };
    await createUser(ctx, { ...input, teams: [] }, { actor: 'spendlens' });
    return null;
  }
  return (await setupLink(ctx, org, base)).url;
}
