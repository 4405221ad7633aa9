import { AsyncLocalStorage } from 'node:async_hooks';
import { AppError } from '../../domain/errors.ts';
import type { Store } from '../types.ts';

/**
 * The value of `spendlens.org` that the row-level security policies read as "every org". Only the
 * store's own cross-org methods (below) and migrations run with it; no org may be named so.
 */
export const ALL_ORGS = '*';

/**
 * Store methods that do not belong to one org, so they run with ALL_ORGS: the scheduler's and key
 * rotation's listings pass a null org (see `orgOf`); these take none, or a key that is not an org. The
 * sign-in lookups learn the org from what they find (a token, a session, a user by email, an
 * invitation), and the touches and deletes that follow them address a row by its unique hash or id.
 * Any other method runs as the org its arguments name, and sees nothing of other orgs.
 */
const CROSS_ORG = [
  'migrate',
  'ping',
  'close',
  'leaderLock',
  'findToken',
  'listOrgs',
  'countTokens',
  'getTokenByHash',
  'touchToken',
  'findUserByEmail',
  'getSession',
  'touchSession',
  'deleteSession',
  'getInvitation',
  'consumeInvitation',
] satisfies (keyof Store)[];
export const CROSS_ORG_METHODS: ReadonlySet<string> = new Set(CROSS_ORG);

/** What a checked-out connection is for: one org's rows (or ALL_ORGS), and whether as the table owner. */
export interface Scope {
  org: string;
  /** Migrations: run as the connecting user, not the app role. */
  owner: boolean;
}

const scopes = new AsyncLocalStorage<Scope>();

/** The scope of the store call in progress; none outside one, which sees no rows. */
export function currentScope(): Scope | undefined {
  return scopes.getStore();
}

/** Runs `fn` (and everything it awaits) with `scope`. */
export function withScope<T>(scope: Scope, fn: () => T): T {
  return scopes.run(scope, fn);
}

/**
 * The org a store call works on, from its arguments: every method takes it first, either as a string
 * or as `.org` of its query, record or batch. A null org is a listing over every org; a batch of
 * several orgs writes each record under its own org; no org at all (an empty batch) sees nothing.
 */
export function orgOf(method: string, args: unknown[]): string {
  if (CROSS_ORG_METHODS.has(method)) return ALL_ORGS;
  const first = args[0];
  if (first === null) return ALL_ORGS;
  const named = Array.isArray(first)
    ? first.map(orgField)
    : [typeof first === 'string' ? first : orgField(first)];
  if (named.includes(ALL_ORGS)) throw new AppError('bad_request', `"${ALL_ORGS}" is not an org`);
  return new Set(named).size > 1 ? ALL_ORGS : (named[0] ?? '');
}

function orgField(value: unknown): string {
  const org = typeof value === 'object' && value !== null ? (value as { org?: unknown }).org : undefined;
  return typeof org === 'string' ? org : '';
}

/**
 * Makes every method of the store run in the scope of its org, in place (so methods calling each
 * other through `store` are scoped too). The pool sets that org on each connection it hands out.
 */
export function scopeToOrgs<T extends object>(store: T): T {
  const methods = store as Record<string, unknown>;
  for (const [name, value] of Object.entries(methods)) {
    if (typeof value !== 'function') continue;
    const method = value as (...args: unknown[]) => unknown;
    methods[name] = (...args: unknown[]) =>
      withScope({ org: orgOf(name, args), owner: false }, () => method(...args));
  }
  return store;
}
