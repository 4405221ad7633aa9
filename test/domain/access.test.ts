import { describe, expect, it } from 'vitest';
import {
  canSeeTeam,
  mayAssignRole,
  NEEDS,
  type Need,
  type Principal,
  permits,
  type Role,
  type TokenScope,
  tokenPrincipal,
  userPrincipal,
  visibleTeams,
} from '../../src/domain/access.ts';

const user = (role: Role, memberships: { team: string; role: 'lead' | 'member' }[] = []) =>
  userPrincipal({
    org: 'acme',
    id: `u-${role}`,
    email: `${role}@acme.example`,
    role,
    usageUser: null,
    memberships,
  });
type Scope = TokenScope;
const made = (by: Principal) => ({
  actor: by.actor,
  role: by.role,
  teams: by.teams,
  leadOf: by.leadOf,
  usageUser: by.usageUser,
});
const tokenOf = (by: Principal, scopes: Scope[], team: string | null = null) =>
  tokenPrincipal({ org: 'acme', id: 'tok_1', label: 'ci', scopes, team }, made(by));
const token = (scopes: Scope[], team: string | null = null) => tokenOf(user('owner'), scopes, team);

const who: Record<string, Principal> = {
  owner: user('owner'),
  admin: user('admin'),
  analyst: user('analyst'),
  lead: user('member', [
    { team: 'search', role: 'lead' },
    { team: 'billing', role: 'member' },
  ]),
  member: user('member', [{ team: 'search', role: 'member' }]),
  'owner token': token(['ingest', 'read', 'admin']),
  'read token': token(['read']),
  'ingest token': token(['ingest']),
  'gateway token': token(['gateway']),
  'team read token': token(['read', 'ingest'], 'search'),
  'team admin token': token(['admin', 'read'], 'search'),
};

// Each row: who, then whether they may do each need (in NEEDS order) for some scope.
const TABLE: [string, Record<Need, boolean>][] = [
  ['owner', all(true)],
  ['admin', all(true)],
  ['analyst', { ...all(true), ingest: false, admin: false }],
  ['lead', { ...all(false), read: true, manage_budgets: true, manage_alerts: true, gateway: true }],
  ['member', { ...all(false), read: true, gateway: true }],
  ['owner token', all(true)],
  ['read token', { ...all(false), read: true }],
  ['ingest token', { ...all(false), ingest: true }],
  ['gateway token', { ...all(false), gateway: true }],
  ['team read token', { ...all(false), read: true, ingest: true }],
  ['team admin token', { ...all(false), read: true }],
];

function all(value: boolean): Record<Need, boolean> {
  return Object.fromEntries(NEEDS.map((n) => [n, value])) as Record<Need, boolean>;
}

describe('permits', () => {
  it.each(TABLE)('%s', (name, expected) => {
    const principal = who[name]!;
    expect(Object.fromEntries(NEEDS.map((n) => [n, permits(principal, n)]))).toEqual(expected);
  });

  it('lets a team lead manage only the teams they lead, never the whole org', () => {
    const lead = who.lead!;
    expect(permits(lead, 'manage_budgets', 'search')).toBe(true);
    expect(permits(lead, 'manage_alerts', 'search')).toBe(true);
    expect(permits(lead, 'manage_budgets', 'billing')).toBe(false);
    expect(permits(lead, 'manage_budgets', null)).toBe(false);
    expect(permits(who.analyst!, 'manage_budgets', null)).toBe(true);
  });

  it('scopes reads to the teams one may see', () => {
    expect(permits(who.member!, 'read', 'search')).toBe(true);
    expect(permits(who.member!, 'read', 'billing')).toBe(false);
    expect(permits(who.member!, 'read', null)).toBe(false);
    expect(permits(who['team read token']!, 'read', 'billing')).toBe(false);
    expect(permits(who['read token']!, 'read', 'billing')).toBe(true);
    expect(permits(who['ingest token']!, 'read', 'search')).toBe(false);
  });
});

describe('visibility', () => {
  it('gives the unrestricted every team and the others their own', () => {
    expect(visibleTeams(who.owner!)).toBeNull();
    expect(visibleTeams(who.analyst!)).toBeNull();
    expect(visibleTeams(who['read token']!)).toBeNull();
    expect(visibleTeams(who.lead!)).toEqual(['billing', 'search']);
    expect(visibleTeams(who.member!)).toEqual(['search']);
    expect(visibleTeams(who['team read token']!)).toEqual(['search']);
    expect(visibleTeams(user('member'))).toEqual([]);
  });

  it('shows records without a team only to the unrestricted', () => {
    expect(canSeeTeam(who.admin!, null)).toBe(true);
    expect(canSeeTeam(who.member!, null)).toBe(false);
  });

  it("names a person's own usage by their email unless set otherwise", () => {
    expect(who.member!.usageUser).toBe('member@acme.example');
    const custom = userPrincipal({
      org: 'acme',
      id: 'u',
      email: 'a@b.c',
      role: 'member',
      usageUser: 'ana',
      memberships: [],
    });
    expect(custom.usageUser).toBe('ana');
    expect(who['read token']!.usageUser).toBeNull();
  });

  it('audits users and tokens by who they are', () => {
    expect(who.member!.actor).toBe('user:member@acme.example');
    expect(who['read token']!.actor).toBe('token:ci');
  });
});

describe('mayAssignRole', () => {
  it('lets only owners make owners, and only administrators assign roles at all', () => {
    expect(mayAssignRole(who.owner!, 'owner')).toBe(true);
    expect(mayAssignRole(who['owner token']!, 'owner')).toBe(true);
    expect(mayAssignRole(who.admin!, 'owner')).toBe(false);
    expect(mayAssignRole(who.admin!, 'admin')).toBe(true);
    expect(mayAssignRole(who.analyst!, 'member')).toBe(false);
  });

  it("gives a token no more than its creator's role and teams", () => {
    const adminToken = tokenOf(who.admin!, ['admin', 'read', 'ingest']);
    expect(adminToken.actsFor).toBe('user:admin@acme.example');
    expect(mayAssignRole(adminToken, 'owner')).toBe(false);
    expect(mayAssignRole(adminToken, 'admin')).toBe(true);
    const demoted = tokenOf(who.lead!, ['admin', 'read', 'ingest']);
    expect(NEEDS.filter((n) => permits(demoted, n))).toEqual([
      'read',
      'manage_budgets',
      'manage_alerts',
      'gateway',
    ]);
    expect(visibleTeams(demoted)).toEqual(['billing', 'search']);
    expect(permits(demoted, 'manage_budgets', 'billing')).toBe(false);
    expect(visibleTeams(tokenOf(who.member!, ['read'], 'billing'))).toEqual([]);
    expect(permits(tokenOf(who.analyst!, ['ingest']), 'ingest')).toBe(false);
  });
});
