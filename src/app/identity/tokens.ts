import { type Principal, TOKEN_SCOPES, type TokenScope } from '../../domain/access.ts';
import { AppError } from '../../domain/errors.ts';
import type { StoredToken } from '../../store/types.ts';
import type { AppContext } from '../context.ts';
import { demand, teamName } from './guard.ts';
import { newId, newSecret, recordChange } from './secret.ts';
import { requireTeam } from './teams.ts';

/** A token as listed: never its secret or hash. */
export interface TokenView {
  id: string;
  label: string;
  scopes: TokenScope[];
  team: string | null;
  createdBy: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export interface NewToken {
  scopes: TokenScope[];
  team?: string | null;
  label?: string;
}

const view = (t: StoredToken): TokenView => ({
  id: t.id,
  label: t.label,
  scopes: t.scopes,
  team: t.team,
  createdBy: t.createdBy,
  createdAt: t.createdAt,
  lastUsedAt: t.lastUsedAt,
  revokedAt: t.revokedAt,
});

/**
 * Creates a token; its secret is in the answer once and only its SHA-256 is stored. It records the
 * person behind `by` (a token's own creator when a token mints it) and never does more than they may.
 */
export async function createToken(
  ctx: AppContext,
  org: string,
  input: NewToken,
  by: Principal,
): Promise<TokenView & { token: string }> {
  demand(by, 'admin');
  const scopes = TOKEN_SCOPES.filter((s) => input.scopes.includes(s));
  if (scopes.length === 0) {
    throw new AppError('validation_failed', `scopes: name at least one of ${TOKEN_SCOPES.join(', ')}`, {
      errors: [{ path: 'scopes', message: `at least one of ${TOKEN_SCOPES.join(', ')}` }],
    });
  }
  const team = input.team ? teamName(input.team) : null;
  if (team !== null && scopes.includes('admin')) {
    // why: a team's token is that team's integration; org-wide administration stays with unbound tokens.
    throw new AppError(
      'validation_failed',
      'a token bound to a team may have the read and ingest scopes only',
    );
  }
  if (team !== null) await requireTeam(ctx, org, team);
  const { secret, hash } = newSecret('sl');
  const token: StoredToken = {
    id: newId('tok'),
    org,
    tokenHash: hash,
    label: input.label?.trim() || `${scopes.join('+')}${team ? ` (${team})` : ''}`,
    scopes,
    team,
    createdBy: creatorOf(by),
    createdAt: ctx.now(),
    lastUsedAt: null,
    revokedAt: null,
  };
  await ctx.identity.insertToken(token);
  await recordChange(ctx, org, by, 'token.create', { id: token.id, label: token.label, scopes, team });
  return { ...view(token), token: secret };
}

/** The org's tokens, revoked ones included, oldest first. */
export async function listTokens(ctx: AppContext, org: string): Promise<TokenView[]> {
  return (await ctx.identity.listTokens(org)).map(view);
}

/** Revokes a token at once: requests with it, and sessions signed in with it, stop working. */
export async function revokeToken(ctx: AppContext, org: string, id: string, by: Principal): Promise<void> {
  demand(by, 'admin');
  if (!(await ctx.identity.revokeToken(org, id, ctx.now()))) {
    throw new AppError('not_found', `no live token ${id} in this org`);
  }
  await ctx.identity.deleteSessions(org, { tokenId: id });
  await recordChange(ctx, org, by, 'token.revoke', { id });
}

/** Who is recorded as having made something: the person behind a token, else whoever acts. */
export function creatorOf(by: Principal): string {
  return by.actsFor ?? by.actor;
}

/** Revokes every live token a person made, with the sessions signed in with them (the person is leaving). */
export async function revokeTokensOf(ctx: AppContext, org: string, email: string): Promise<number> {
  const mine = (await ctx.identity.listTokens(org)).filter(
    (t) => t.createdBy === `user:${email}` && !t.revokedAt,
  );
  for (const t of mine) {
    await ctx.identity.revokeToken(org, t.id, ctx.now());
    await ctx.identity.deleteSessions(org, { tokenId: t.id });
  }
  return mine.length;
}
