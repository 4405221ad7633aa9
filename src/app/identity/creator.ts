import { atLeast, type Role, type TokenCreator, userPrincipal } from '../../domain/access.ts';
import type { StoredToken } from '../../store/types.ts';
import type { AppContext } from '../context.ts';

/*
 * Who made a token or a link, and what they may do now, read from the store on every request so that
 * removing, disabling or demoting a person takes effect at once on every instance.
 *
 * `created_by` holds `user:<email>` when a person made it (a token minting a token records the person
 * behind it, so a chain always leads back to someone). Anything else is creator-less:
 *   `spendlens`, `cli`   the first-start or SPENDLENS_ADMIN_TOKEN token, the setup link, the local CLI;
 *   `token:<label>`      minted by a token before creators were recorded: resolved through the latest
 *                        token of that label made before it, so it has no more power than that one.
 * A token that leads to no person acts as `admin`, never `owner`: only an owner, or a token an owner
 * made, may change owners.
 */

/** The role of what no person made: system actors stand for the operator. */
const SYSTEM_ROLE: Role = 'owner';
/** A token's power when no person made it. */
const CREATORLESS_TOKEN_ROLE: Role = 'admin';
const MAX_CHAIN = 8;

/** The power a token carries now: its creator's, capped at admin when no person made it; null when gone. */
export async function tokenCreator(ctx: AppContext, token: StoredToken): Promise<TokenCreator | null> {
  const found = await creatorPower(ctx, token.org, token.createdBy, token.createdAt, token.id);
  if (!found) return null;
  return found.person ? found.power : { ...found.power, role: capped(found.power.role) };
}

/**
 * The role a one-time link's maker holds now, to check the link still may be granted when it is
 * used; a link a token made with no person behind it counts as that token's (admin at most).
 */
export async function linkMakerRole(
  ctx: AppContext,
  link: { org: string; createdBy: string; createdAt: Date },
): Promise<Role | null> {
  const found = await creatorPower(ctx, link.org, link.createdBy, link.createdAt);
  if (!found) return null;
  const viaToken = !found.person && link.createdBy.startsWith('token:');
  return viaToken ? capped(found.power.role) : found.power.role;
}

const capped = (role: Role): Role => (atLeast(role, CREATORLESS_TOKEN_ROLE) ? CREATORLESS_TOKEN_ROLE : role);

/**
 * What whoever is named in `createdBy` may do now, or null when that person is gone, disabled, or is
 * not the one who made it at `madeAt` (an account removed and created again with the same email).
 */
async function creatorPower(
  ctx: AppContext,
  org: string,
  createdBy: string,
  madeAt: Date,
  self?: string,
  depth = 0,
): Promise<{ power: TokenCreator; person: boolean } | null> {
  if (createdBy.startsWith('user:')) {
    const user = await ctx.identity.findUserByEmail(createdBy.slice('user:'.length));
    if (!user || user.org !== org || user.disabled || user.createdAt > madeAt) return null;
    // why: only a member's power depends on their teams; spare the query for everyone else.
    const memberships =
      user.role === 'member'
        ? (await ctx.identity.listTeamMembers(org)).filter((m) => m.userId === user.id)
        : [];
    const p = userPrincipal({ ...user, memberships });
    const power = { actor: p.actor, role: p.role, teams: p.teams, leadOf: p.leadOf, usageUser: p.usageUser };
    return { power, person: true };
  }
  if (createdBy.startsWith('token:')) {
    // why: a chain this long is a loop of same-time tokens; refusing is the safe answer.
    if (depth >= MAX_CHAIN) return null;
    const parent = await legacyParent(ctx, org, createdBy.slice('token:'.length), madeAt, self);
    if (parent) return creatorPower(ctx, org, parent.createdBy, parent.createdAt, parent.id, depth + 1);
  }
  const power = { actor: createdBy, role: SYSTEM_ROLE, teams: null, leadOf: [], usageUser: null };
  return { power, person: false };
}

/** The latest token with `label` made at or before `madeAt`: the likeliest maker of an older token. */
async function legacyParent(
  ctx: AppContext,
  org: string,
  label: string,
  madeAt: Date,
  self: string | undefined,
): Promise<StoredToken | null> {
  const candidates = (await ctx.identity.listTokens(org)).filter(
    (t) => t.label === label && t.createdAt <= madeAt && t.id !== self,
  );
  return candidates.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0] ?? null;
}
