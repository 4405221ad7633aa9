import { expect } from 'vitest';
import type { Store, StoredInvitation, StoredToken, StoredUser } from '../../src/store/types.ts';
import { storeSuite } from './suite.ts';

const at = (iso: string) => new Date(iso);

const user = (over: Partial<StoredUser> = {}): StoredUser => ({
  org: 'idc',
  id: 'u1',
  email: 'ana@example.com',
  name: 'Ana',
  role: 'member',
  passwordHash: 'scrypt$16384$8$1$salt$hash',
  usageUser: null,
  failedLogins: 0,
  lockedUntil: null,
  disabled: false,
  createdAt: at('2026-11-01T00:00:00Z'),
  lastLoginAt: null,
  ...over,
});

const token = (over: Partial<StoredToken> = {}): StoredToken => ({
  id: 'tok_1',
  org: 'idc',
  tokenHash: 'h1',
  label: 'ci',
  scopes: ['ingest', 'read'],
  team: 'search',
  createdBy: 'user:ana@example.com',
  createdAt: at('2026-11-01T00:00:00Z'),
  lastUsedAt: null,
  revokedAt: null,
  ...over,
});

/** Orgs, users, teams, sessions, tokens and invitations: the same behaviour on every engine. */
export function runIdentityContract(name: string, open: () => Promise<Store | null>): void {
  storeSuite(`store contract (identity): ${name}`, open, (store, test) => {
    test('the ledger token API keeps working on the scoped token table', async () => {
      await store.putToken('legacy', 'legacy-hash', 'admin');
      await store.putToken('legacy', 'legacy-hash', 'admin (renamed)');
      expect(await store.findToken('legacy-hash')).toEqual({ org: 'legacy', label: 'admin (renamed)' });
      expect(await store.findToken('nope')).toBeNull();
      const stored = await store.getTokenByHash('legacy-hash');
      expect(stored).toMatchObject({ org: 'legacy', scopes: ['ingest', 'read', 'admin'], team: null });
      expect(await store.countTokens()).toBeGreaterThanOrEqual(1);
      expect(await store.revokeToken('legacy', stored!.id, at('2026-11-02T00:00:00Z'))).toBe(true);
      expect(await store.findToken('legacy-hash')).toBeNull();
    });

    test('orgs are created once', async () => {
      await store.putOrg({ id: 'idc', name: 'Acme', createdAt: at('2026-11-01T00:00:00Z') });
      await store.putOrg({ id: 'idc', name: 'Other', createdAt: at('2026-11-02T00:00:00Z') });
      expect(await store.getOrg('idc')).toEqual({
        id: 'idc',
        name: 'Acme',
        createdAt: at('2026-11-01T00:00:00Z'),
      });
      expect(await store.getOrg('none')).toBeNull();
    });

    test('users: an email is taken once across the deployment; updates keep the email', async () => {
      expect(await store.insertUser(user())).toBe(true);
      expect(await store.insertUser(user({ org: 'other', id: 'u9' }))).toBe(false);
      expect(await store.insertUser(user({ email: 'bo@example.com' }))).toBe(false);
      expect(await store.findUserByEmail('ANA@example.com')).toEqual(user());
      const changed = user({ name: 'Ana B', role: 'analyst', usageUser: 'ana', disabled: true });
      expect(await store.updateUser({ ...changed, email: 'ignored@example.com' })).toBe(true);
      expect(await store.getUser('idc', 'u1')).toEqual(changed);
      expect(await store.updateUser(user({ id: 'missing' }))).toBe(false);
      await store.insertUser(user({ id: 'u2', email: 'bo@example.com' }));
      expect((await store.listUsers('idc')).map((u) => u.email)).toEqual([
        'ana@example.com',
        'bo@example.com',
      ]);
      expect(await store.listUsers('other')).toEqual([]);
    });

    test('failed sign-ins lock the account at the limit and start counting again', async () => {
      await store.insertUser(user({ org: 'lock', id: 'l1', email: 'lock@example.com' }));
      const until = at('2026-11-01T00:15:00Z');
      const counts = [];
      for (let i = 0; i < 3; i++)
        counts.push(await store.recordLoginFailure('lock', 'l1', { after: 3, until }));
      expect(counts).toEqual([
        { failedLogins: 1, lockedUntil: null },
        { failedLogins: 2, lockedUntil: null },
        { failedLogins: 0, lockedUntil: until },
      ]);
      await store.recordLoginFailure('lock', 'l1', { after: 3, until });
      await store.recordLogin('lock', 'l1', at('2026-11-01T01:00:00Z'));
      expect(await store.getUser('lock', 'l1')).toMatchObject({
        failedLogins: 0,
        lockedUntil: null,
        lastLoginAt: at('2026-11-01T01:00:00Z'),
      });
    });

    test('teams and members; deleting a team or a user removes their memberships', async () => {
      const createdAt = at('2026-11-01T00:00:00Z');
      for (const name of ['search', 'billing']) await store.putTeam({ org: 'tm', name, createdAt });
      await store.putTeam({ org: 'tm', name: 'search', createdAt: at('2026-11-05T00:00:00Z') });
      expect((await store.listTeams('tm')).map((t) => [t.name, t.createdAt])).toEqual([
        ['billing', createdAt],
        ['search', createdAt],
      ]);
      await store.insertUser(user({ org: 'tm', id: 'a', email: 'a@tm.example' }));
      await store.putTeamMember({ org: 'tm', team: 'search', userId: 'a', role: 'member' });
      await store.putTeamMember({ org: 'tm', team: 'search', userId: 'a', role: 'lead' });
      await store.putTeamMember({ org: 'tm', team: 'billing', userId: 'a', role: 'member' });
      await store.putTeamMember({ org: 'tm', team: 'billing', userId: 'b', role: 'member' });
      expect(await store.listTeamMembers('tm')).toEqual([
        { org: 'tm', team: 'billing', userId: 'a', role: 'member' },
        { org: 'tm', team: 'billing', userId: 'b', role: 'member' },
        { org: 'tm', team: 'search', userId: 'a', role: 'lead' },
      ]);
      expect(await store.deleteTeamMember('tm', 'billing', 'b')).toBe(true);
      expect(await store.deleteTeamMember('tm', 'billing', 'b')).toBe(false);
      expect(await store.deleteTeam('tm', 'billing')).toBe(true);
      expect(await store.deleteTeam('tm', 'billing')).toBe(false);
      expect((await store.listTeamMembers('tm')).map((m) => m.team)).toEqual(['search']);
      expect(await store.deleteUser('tm', 'a')).toBe(true);
      expect(await store.listTeamMembers('tm')).toEqual([]);
      expect(await store.getUser('tm', 'a')).toBeNull();
    });

    test('sessions: stored by hash, touched, ended one by one or all of a user', async () => {
      const base = {
        org: 'ss',
        userId: 'u1',
        tokenId: null,
        csrfToken: 'csrf',
        createdAt: at('2026-11-01T00:00:00Z'),
        expiresAt: at('2026-11-08T00:00:00Z'),
        lastSeenAt: at('2026-11-01T00:00:00Z'),
      };
      await store.putSession({ ...base, idHash: 's1' });
      await store.putSession({ ...base, idHash: 's2' });
      await store.putSession({ ...base, idHash: 's3', userId: null, tokenId: 'tok_9' });
      await store.touchSession('s1', at('2026-11-01T02:00:00Z'));
      expect(await store.getSession('s1')).toEqual({
        ...base,
        idHash: 's1',
        lastSeenAt: at('2026-11-01T02:00:00Z'),
      });
      expect(await store.deleteSession('s1')).toBe(true);
      expect(await store.getSession('s1')).toBeNull();
      expect(await store.deleteSessions('ss', { userId: 'u1' })).toBe(1);
      expect(await store.deleteSessions('ss', { tokenId: 'tok_9' })).toBe(1);
      expect(await store.getSession('s3')).toBeNull();
    });

    test('tokens: listed per org, revoked once, last use recorded', async () => {
      await store.insertToken(token());
      await store.insertToken(token({ id: 'tok_2', tokenHash: 'h2', team: null, scopes: ['read'] }));
      await store.insertToken(token({ id: 'tok_3', tokenHash: 'h3', org: 'elsewhere' }));
      expect(await store.getTokenByHash('h1')).toEqual(token());
      expect((await store.listTokens('idc')).map((t) => t.id)).toEqual(['tok_1', 'tok_2']);
      await store.touchToken('tok_1', at('2026-11-03T00:00:00Z'));
      expect(await store.revokeToken('elsewhere', 'tok_1', at('2026-11-04T00:00:00Z'))).toBe(false);
      expect(await store.revokeToken('idc', 'tok_1', at('2026-11-04T00:00:00Z'))).toBe(true);
      expect(await store.revokeToken('idc', 'tok_1', at('2026-11-05T00:00:00Z'))).toBe(false);
      expect(await store.getTokenByHash('h1')).toMatchObject({
        lastUsedAt: at('2026-11-03T00:00:00Z'),
        revokedAt: at('2026-11-04T00:00:00Z'),
      });
    });

    test('invitations are consumed once, and not after they expire', async () => {
      const invitation: StoredInvitation = {
        tokenHash: 'i1',
        org: 'inv',
        kind: 'invite',
        email: 'new@example.com',
        role: 'member',
        teams: [{ team: 'search', role: 'lead' }],
        createdBy: 'user:ana@example.com',
        createdAt: at('2026-11-01T00:00:00Z'),
        expiresAt: at('2026-11-08T00:00:00Z'),
        acceptedAt: null,
      };
      await store.insertInvitation(invitation);
      await store.insertInvitation({ ...invitation, tokenHash: 'i2', kind: 'setup', email: null });
      expect(await store.getInvitation('i1')).toEqual(invitation);
      expect(await store.consumeInvitation('i2', at('2026-11-09T00:00:00Z'))).toBe(false);
      expect(await store.consumeInvitation('i1', at('2026-11-02T00:00:00Z'))).toBe(true);
      expect(await store.consumeInvitation('i1', at('2026-11-02T00:00:01Z'))).toBe(false);
      expect((await store.getInvitation('i1'))?.acceptedAt).toEqual(at('2026-11-02T00:00:00Z'));
      expect((await store.listInvitations('inv')).map((i) => i.tokenHash).sort()).toEqual(['i1', 'i2']);
      expect(await store.getInvitation('none')).toBeNull();
    });
  });
}
