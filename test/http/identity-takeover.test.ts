import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureOwner } from '../../src/app/identity/owner.ts';
import { openContext } from '../../src/app/open.ts';
import { loadConfig } from '../../src/config/load.ts';
import { buildApp } from '../../src/present/http/app.ts';
import { startTestApp, TEST_TOKEN, type TestApp, testEngines } from '../helpers/app.ts';
import { TEST_DATABASE_URL } from '../helpers/postgres.ts';

/*
 * Issue 13, items 1 and 2: an admin cannot take over the owners with any credential, and a token never
 * carries more than its creator may do now, on every instance at once.
 */

const OWNER = { email: 'owner@acme.example', password: 'correct horse battery staple' };
type Headers = Record<string, string>;
const engines = await testEngines('the takeover tests on PostgreSQL');
/** A clock a second further on at each reading, so what is made later is seen to be. */
const ticking = () => {
  let at = Date.parse('2026-11-20T09:00:00Z');
  return () => {
    at += 1000;
    return new Date(at);
  };
};

function caller(app: () => FastifyInstance) {
  const call = (method: string, url: string, headers: Headers, payload?: unknown) =>
    app().inject({ method: method as 'GET', url, headers, payload: payload as object });
  const bearer = (token: string): Headers => ({ authorization: `Bearer ${token}` });
  const signIn = async (email: string, password: string): Promise<Headers> => {
    const res = await call('POST', '/api/session', {}, { email, password });
    expect(res.statusCode).toBe(200);
    return { cookie: String(res.headers['set-cookie']).split(';')[0]!, 'x-csrf-token': res.json().csrfToken };
  };
  /** Invites `email` as `role` with `by`, accepts, and returns their signed-in headers and id. */
  const enrol = async (by: Headers, email: string, role: string, teams: string[] = []) => {
    const res = await call('POST', '/api/v1/invitations', by, { email, role, teams });
    expect(res.statusCode).toBe(201);
    const link = String(res.json().link).split('/invite/')[1]!;
    const password = `${email} has a long password`;
    expect((await call('POST', `/api/invitations/${link}/accept`, {}, { password })).statusCode).toBe(200);
    const users = (await call('GET', '/api/v1/users', by)).json().users as { id: string; email: string }[];
    return { headers: await signIn(email, password), id: users.find((u) => u.email === email)!.id };
  };
  const mint = async (by: Headers, scopes: string[] = ['admin', 'read', 'ingest']) => {
    const res = await call('POST', '/api/v1/tokens', by, { scopes });
    expect(res.statusCode).toBe(201);
    return res.json() as { id: string; token: string; createdBy: string };
  };
  return { call, bearer, signIn, enrol, mint };
}

describe.each(engines)('no credential of an admin takes over the owners on %s', (engine) => {
  let t: TestApp;
  const { call, bearer, signIn, enrol, mint } = caller(() => t.app);
  let owner: Headers;
  let ownerId: string;
  beforeAll(async () => {
    const env = { SPENDLENS_OWNER_EMAIL: OWNER.email, SPENDLENS_OWNER_PASSWORD: OWNER.password };
    t = await startTestApp(env, ticking(), engine);
    await ensureOwner(t.ctx);
    owner = await signIn(OWNER.email, OWNER.password);
    ownerId = (await call('GET', '/api/v1/users', owner)).json().users[0].id;
    expect((await call('POST', '/api/v1/teams', owner, { name: 'search' })).statusCode).toBe(201);
  });
  afterAll(() => t.close());

  /** Every owner-only action, each refused with 403 and nothing changed. */
  async function expectNoOwnerPower(who: Headers, self: string) {
    const attempts: [string, string, unknown][] = [
      ['POST', `/api/v1/users/${ownerId}/reset-password`, undefined],
      ['POST', `/api/v1/users/${OWNER.email}/reset-password`, undefined],
      ['PUT', `/api/v1/users/${ownerId}`, { role: 'member' }],
      ['PUT', `/api/v1/users/${ownerId}`, { disabled: true }],
      ['PUT', `/api/v1/users/${self}`, { role: 'owner' }],
      ['POST', '/api/v1/invitations', { email: 'mallory@evil.example', role: 'owner' }],
      ['POST', '/api/v1/users', { email: 'mallory2@evil.example', role: 'owner' }],
      ['DELETE', `/api/v1/users/${ownerId}`, undefined],
      ['POST', '/api/v1/teams/search/members', { user: OWNER.email, role: 'member' }],
    ];
    for (const [method, url, body] of attempts) {
      const res = await call(method, url, who, body);
      expect(res.statusCode, `${method} ${url} ${JSON.stringify(body)}`).toBe(403);
    }
    const users = (await call('GET', '/api/v1/users', owner)).json().users as { role: string }[];
    expect(users.filter((u) => u.role === 'owner')).toHaveLength(1);
  }

  it("refuses owners' actions to an admin, their tokens, and tokens those tokens mint", async () => {
    const admin = await enrol(owner, 'adm@acme.example', 'admin');
    const token = await mint(admin.headers);
    expect(token.createdBy).toBe('user:adm@acme.example');
    const child = await mint(bearer(token.token));
    expect(child.createdBy).toBe('user:adm@acme.example');
    for (const who of [admin.headers, bearer(token.token), bearer(child.token)]) {
      expect((await call('GET', '/api/v1/users', who)).statusCode).toBe(200);
      await expectNoOwnerPower(who, admin.id);
    }
    const invited = await call('POST', '/api/v1/invitations', bearer(token.token), {
      email: 'helper@acme.example',
      role: 'admin',
    });
    expect(invited.statusCode).toBe(201);
  });

  it('treats a token with no person behind it (the configured admin token) as an admin, never an owner', async () => {
    expect((await call('GET', '/api/v1/users', t.auth)).statusCode).toBe(200);
    const minted = await mint(t.auth);
    expect(minted.createdBy).toBe('spendlens');
    const plain = await enrol(owner, 'plain@acme.example', 'analyst');
    for (const who of [t.auth, bearer(minted.token)]) await expectNoOwnerPower(who, plain.id);
  });

  it("lets an owner's own token do what the owner may", async () => {
    const token = await mint(owner);
    const other = await enrol(owner, 'second@acme.example', 'analyst');
    const promoted = await call('PUT', `/api/v1/users/${other.id}`, bearer(token.token), { role: 'owner' });
    expect(promoted.statusCode).toBe(200);
    expect((await call('PUT', `/api/v1/users/${other.id}`, owner, { role: 'analyst' })).statusCode).toBe(200);
  });

  it('refuses a link whose maker may no longer grant it', async () => {
    const admin = await enrol(owner, 'inviter@acme.example', 'admin');
    const res = await call('POST', '/api/v1/invitations', admin.headers, {
      email: 'accomplice@acme.example',
      role: 'admin',
    });
    const link = String(res.json().link).split('/invite/')[1]!;
    expect((await call('DELETE', `/api/v1/users/${admin.id}`, owner)).statusCode).toBe(204);
    const accepted = await call(
      'POST',
      `/api/invitations/${link}/accept`,
      {},
      { password: 'long enough pw!' },
    );
    expect(accepted.statusCode).toBe(403);
  });
});

describe.each(engines)("a person's tokens follow what they may do now on %s", (engine) => {
  let t: TestApp;
  const { call, bearer, signIn, enrol, mint } = caller(() => t.app);
  let owner: Headers;
  beforeAll(async () => {
    const env = { SPENDLENS_OWNER_EMAIL: OWNER.email, SPENDLENS_OWNER_PASSWORD: OWNER.password };
    t = await startTestApp(env, ticking(), engine);
    await ensureOwner(t.ctx);
    owner = await signIn(OWNER.email, OWNER.password);
    for (const name of ['search', 'billing']) await call('POST', '/api/v1/teams', owner, { name });
  });
  afterAll(() => t.close());

  it('stops the tokens of a removed admin at once, the ones they minted too', async () => {
    const admin = await enrol(owner, 'gone@acme.example', 'admin');
    const token = await mint(admin.headers);
    const child = await mint(bearer(token.token));
    const signed = await call('POST', '/api/session', {}, { token: token.token });
    const session = { cookie: String(signed.headers['set-cookie']).split(';')[0]! };
    for (const who of [bearer(token.token), bearer(child.token), session]) {
      expect((await call('GET', '/api/v1/users', who)).statusCode).toBe(200);
    }
    expect((await call('DELETE', `/api/v1/users/${admin.id}`, owner)).statusCode).toBe(204);
    for (const who of [bearer(token.token), bearer(child.token), session]) {
      expect((await call('GET', '/api/v1/users', who)).statusCode).toBe(401);
    }
    const minted = await call('POST', '/api/v1/tokens', bearer(token.token), { scopes: ['admin'] });
    expect(minted.statusCode).toBe(401);
    const listed = (await call('GET', '/api/v1/tokens', owner)).json().tokens as {
      id: string;
      revokedAt: unknown;
    }[];
    for (const id of [token.id, child.id]) expect(listed.find((x) => x.id === id)?.revokedAt).not.toBeNull();
  });

  it('narrows the tokens of a demoted admin, and stops them while the admin is disabled', async () => {
    const admin = await enrol(owner, 'demoted@acme.example', 'admin');
    const token = await mint(admin.headers);
    const read = await mint(admin.headers, ['read', 'ingest']);
    const demote = { role: 'member', teams: [{ team: 'search', role: 'lead' }] };
    expect((await call('PUT', `/api/v1/users/${admin.id}`, owner, demote)).statusCode).toBe(200);
    expect((await call('GET', '/api/v1/users', bearer(token.token))).statusCode).toBe(403);
    expect((await call('POST', '/api/v1/tokens', bearer(token.token), { scopes: ['read'] })).statusCode).toBe(
      403,
    );
    const teams = (await call('GET', '/api/v1/teams', bearer(read.token))).json().teams;
    expect(teams.map((x: { name: string }) => x.name)).toEqual(['search']);
    const billing = { id: 'billing-cap', scope: { dimension: 'team', value: 'billing' }, amount: '5' };
    expect((await call('POST', '/api/v1/budgets', bearer(token.token), billing)).statusCode).toBe(403);
    expect((await call('PUT', `/api/v1/users/${admin.id}`, owner, { disabled: true })).statusCode).toBe(200);
    expect((await call('GET', '/api/v1/teams', bearer(read.token))).statusCode).toBe(401);
    expect((await call('PUT', `/api/v1/users/${admin.id}`, owner, { disabled: false })).statusCode).toBe(200);
    expect((await call('GET', '/api/v1/teams', bearer(read.token))).statusCode).toBe(200);
  });

  it('does not hand old tokens to a new account with the same email', async () => {
    const first = await enrol(owner, 'again@acme.example', 'admin');
    const token = await mint(first.headers, ['read']);
    await t.ctx.identity.deleteUser(t.ctx.config.org, first.id);
    await enrol(owner, 'again@acme.example', 'admin');
    expect((await call('GET', '/api/v1/spend', bearer(token.token))).statusCode).toBe(401);
  });
});

describe.runIf(engines.includes('postgres'))('two instances on one PostgreSQL', () => {
  let a: TestApp;
  let b: { app: FastifyInstance; close(): Promise<void> };
  const onA = caller(() => a.app);
  const onB = caller(() => b.app);
  beforeAll(async () => {
    const env = { SPENDLENS_OWNER_EMAIL: OWNER.email, SPENDLENS_OWNER_PASSWORD: OWNER.password };
    a = await startTestApp(env, () => new Date(), 'postgres');
    await ensureOwner(a.ctx);
    const dataDir = mkdtempSync(join(tmpdir(), 'spendlens-b-'));
    const storage = {
      DATABASE_URL: TEST_DATABASE_URL,
      SPENDLENS_DATABASE_SCHEMA: a.ctx.config.storage.schema!,
    };
    const ctx = await openContext(loadConfig({ dataDir }, { SPENDLENS_ADMIN_TOKEN: TEST_TOKEN, ...storage }));
    const app = buildApp(ctx);
    await app.ready();
    b = {
      app,
      async close() {
        await app.close();
        await ctx.store.close();
      },
    };
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('agree at once when the owner demotes, removes or revokes on the other', async () => {
    const owner = await onA.signIn(OWNER.email, OWNER.password);
    const admin = await onA.enrol(owner, 'roaming@acme.example', 'admin');
    const token = await onA.mint(admin.headers);
    const spare = await onA.mint(owner, ['read']);
    const asAdmin = onB.bearer(token.token);
    // why: asked twice, so any per-instance cache of the answer is warm before the change.
    for (let i = 0; i < 2; i++) {
      expect((await onB.call('GET', '/api/v1/users', asAdmin)).statusCode).toBe(200);
      expect((await onB.call('GET', '/api/v1/users', admin.headers)).statusCode).toBe(200);
      expect((await onB.call('GET', '/api/v1/spend', onB.bearer(spare.token))).statusCode).toBe(200);
    }
    expect((await onA.call('PUT', `/api/v1/users/${admin.id}`, owner, { role: 'analyst' })).statusCode).toBe(
      200,
    );
    expect((await onB.call('GET', '/api/v1/users', asAdmin)).statusCode).toBe(403);
    expect((await onB.call('GET', '/api/v1/users', admin.headers)).statusCode).toBe(403);
    expect((await onA.call('DELETE', `/api/v1/users/${admin.id}`, owner)).statusCode).toBe(204);
    expect((await onB.call('GET', '/api/v1/spend', asAdmin)).statusCode).toBe(401);
    expect((await onB.call('GET', '/api/v1/spend', admin.headers)).statusCode).toBe(401);
    expect((await onA.call('DELETE', `/api/v1/tokens/${spare.id}`, owner)).statusCode).toBe(204);
    expect((await onB.call('GET', '/api/v1/spend', onB.bearer(spare.token))).statusCode).toBe(401);
  });
});
