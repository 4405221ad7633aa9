import Table from 'cli-table3';
import type { AppContext } from '../../../app/context.ts';
import { operator } from '../../../app/identity/guard.ts';
import { createToken, listTokens, revokeToken, type TokenView } from '../../../app/identity/tokens.ts';
import { TOKEN_SCOPES } from '../../../domain/access.ts';
import { AppError } from '../../../domain/errors.ts';

const org = (ctx: AppContext) => ctx.config.org;

/** `spendlens tokens create --scope read,ingest [--team t] [--label l]`: the secret is printed once. */
export function tokensCreate(ctx: AppContext, opts: { scope: string; team?: string; label?: string }) {
  const scopes = opts.scope.split(',').map((s) => {
    const scope = TOKEN_SCOPES.find((x) => x === s.trim());
    if (!scope)
      throw new AppError('bad_request', `--scope takes ${TOKEN_SCOPES.join(', ')} (comma list), not "${s}"`);
    return scope;
  });
  return createToken(ctx, org(ctx), { scopes, team: opts.team, label: opts.label }, operator(org(ctx)));
}

export const tokensList = (ctx: AppContext) => listTokens(ctx, org(ctx));
export const tokensRevoke = (ctx: AppContext, id: string) =>
  revokeToken(ctx, org(ctx), id, operator(org(ctx)));

const when = (d: Date | null) => (d ? d.toISOString().slice(0, 16).replace('T', ' ') : 'never');

export function renderTokens(tokens: TokenView[], color: boolean): string {
  if (tokens.length === 0) return 'No tokens: spendlens tokens create --scope read';
  const table = new Table({
    head: ['Id', 'Label', 'Scopes', 'Team', 'Last used', 'State'],
    style: { head: color ? ['cyan'] : [], border: color ? ['grey'] : [] },
  });
  for (const t of tokens) {
    const state = t.revokedAt ? `revoked ${when(t.revokedAt)}` : 'live';
    table.push([t.id, t.label, t.scopes.join(','), t.team ?? '–', when(t.lastUsedAt), state]);
  }
  return table.toString();
}
