import Table from 'cli-table3';
import type { AppContext } from '../../../app/context.ts';
import { operator } from '../../../app/identity/guard.ts';
import { createToken, listTokens, revokeToken, type TokenView } from '../../../app/identity/tokens.ts';
import { TOKEN_SCOPES } from '../../../domain/access.ts';
import { AppError } from '../../../domain/errors.ts';
import { callRemoteAsLocal, dateOf, type Wire } from '../remote.ts';
import type { Target } from '../target.ts';

const org = (ctx: AppContext) => ctx.config.org;

const tokenFrom = (t: Wire<TokenView>): TokenView => ({
  ...t,
  createdAt: new Date(t.createdAt),
  lastUsedAt: dateOf(t.lastUsedAt),
  revokedAt: dateOf(t.revokedAt),
});

/** `spendlens tokens create --scope read,ingest [--team t] [--label l]`: the secret is printed once. */
export async function tokensCreate(
  target: Target,
  opts: { scope: string; team?: string; label?: string },
): Promise<TokenView & { token: string }> {
  const scopes = opts.scope.split(',').map((s) => {
    const scope = TOKEN_SCOPES.find((x) => x === s.trim());
    if (!scope)
      throw new AppError('bad_request', `--scope takes ${TOKEN_SCOPES.join(', ')} (comma list), not "${s}"`);
    return scope;
  });
  const input = { scopes, team: opts.team, label: opts.label };
  if ('remote' in target) {
    const made = (await callRemoteAsLocal(target.remote, 'POST', '/api/v1/tokens', input)) as Wire<
      TokenView & { token: string }
    >;
    return { ...tokenFrom(made), token: made.token };
  }
  return createToken(target.ctx, org(target.ctx), input, operator(org(target.ctx)));
}

export async function tokensList(target: Target): Promise<TokenView[]> {
  if ('remote' in target) {
    const answer = (await callRemoteAsLocal(target.remote, 'GET', '/api/v1/tokens')) as {
      tokens: Wire<TokenView>[];
    };
    return answer.tokens.map(tokenFrom);
  }
  return listTokens(target.ctx, org(target.ctx));
}

export async function tokensRevoke(target: Target, id: string): Promise<void> {
  if ('remote' in target) {
    await callRemoteAsLocal(target.remote, 'DELETE', `/api/v1/tokens/${encodeURIComponent(id)}`);
  } else {
    await revokeToken(target.ctx, org(target.ctx), id, operator(org(target.ctx)));
  }
}

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
