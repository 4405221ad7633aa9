import type { IncomingHttpHeaders } from 'node:http';
import type { Principal } from '../domain/access.ts';
import type { CallScope } from './budgets.ts';

/** The attribution headers a client may send; values go to the record's dimensions and tags. */
const HEADERS = {
  user: 'x-spendlens-user',
  team: 'x-spendlens-team',
  project: 'x-spendlens-project',
} as const;

function header(headers: IncomingHttpHeaders, name: string): string | null {
  const v = headers[name];
  const text = (Array.isArray(v) ? v[0] : v)?.trim();
  return text ? text : null;
}

/** `X-Spendlens-Tags: env=prod, job=nightly` as tags; parts without `=` are left out. */
export function parseTags(text: string | null): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const part of (text ?? '').split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key && value) tags[key] = value;
  }
  return tags;
}

/**
 * Who a call is attributed to: the X-Spendlens-User/-Team/-Project/-Tags headers, the calling key as
 * `apiKey`. A key bound to teams may name only those (its first when it names none); an error says so.
 */
export function callScope(
  headers: IncomingHttpHeaders,
  principal: Principal,
): { ok: true; scope: CallScope } | { ok: false; message: string } {
  const team = header(headers, HEADERS.team);
  const bound = principal.teams;
  if (bound !== null && team !== null && !bound.includes(team)) {
    return {
      ok: false,
      message: `this key may attribute calls only to team ${bound.map((t) => `"${t}"`).join(', ')}, not "${team}"`,
    };
  }
  return {
    ok: true,
    scope: {
      user: header(headers, HEADERS.user) ?? principal.usageUser,
      team: team ?? bound?.[0] ?? null,
      project: header(headers, HEADERS.project),
      apiKey: principal.id,
      tags: parseTags(header(headers, 'x-spendlens-tags')),
    },
  };
}
