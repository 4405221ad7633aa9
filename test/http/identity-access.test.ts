import { DuckDBInstance } from '@duckdb/node-api';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../src/app/auth.ts';
import { ensureOwner } from '../../src/app/identity/owner.ts';
import { duckDbPath } from '../../src/app/open.ts';
import { buildApp } from '../../src/present/http/app.ts';
import { needOf } from '../../src/present/http/auth.ts';
import { startTestApp, TEST_TOKEN, type TestApp, testEngines } from '../helpers/app.ts';
import { TEST_DATABASE_URL } from '../helpers/postgres.ts';
import { startSmtp } from '../helpers/smtp.ts';

const OWNER = { email: 'owner@acme.example', password: 'correct horse battery staple' };
const record = {
  id: 'acc-1',
  timestamp: '2026-11-02T10:00:00Z',
  provider: 'openai',
  model: 'gpt-4o',
  team: 'search',
  inputTokens: 1_000,
  outputTokens: 100,
};
const engines = await testEngines('the identity routes on PostgreSQL');

describe('the permission each route needs', () => {
  const table: [string, string, string][] = [
    ['GET', '/api/v1/spend', 'read'],
    ['HEAD', '/api/v1/summary', 'read'],
    ['GET', '/api/v1/export/focus', 'read'],
    ['GET', '/v1/transactions', 'read'],
    ['GET', '/v1/jobs/:id/results', 'read'],
    ['POST', '/v1/analyse-spend', 'read'],
    ['GET', '/api/v1/budgets/:id', 'read'],
    ['GET', '/api/v1/reports/:id/csv', 'read'],
    ['GET', '/api/v1/teams', 'read'],
    ['POST', '/api/v1/usage', 'ingest'],
    ['POST', '/api/v1/activity', 'ingest'],
    ['POST', '/v1/traces', 'ingest'],
    ['POST', '/api/v2/write', 'ingest'],
    ['POST', '/api/v1/budgets', 'manage_budgets'],
    ['PUT', '/api/v1/budgets/:id', 'manage_budgets'],
    ['DELETE', '/api/v1/budgets/:id', 'manage_budgets'],
    ['POST', '/api/v1/channels', 'manage_alerts'],
    ['POST', '/api/v1/channels/:id/test', 'manage_alerts'],
    ['POST', '/api/v1/anomalies/:id/mute', 'manage_alerts'],
    ['POST', '/api/v1/reports/run', 'manage_reports'],
    ['GET', '/api/v1/audit', 'read_audit'],
    ['GET', '/api/v1/users', 'admin'],
    ['GET', '/api/v1/tokens', 'admin'],
    ['GET', '/api/v1/invitations', 'admin'],
    ['POST', '/api/v1/teams', 'admin'],
    ['POST', '/api/v1/sources/:id/sync', 'admin'],
    ['PUT', '/api/v1/pricing/overrides', 'admin'],
    ['POST', '/api/v1/attribution/reapply', 'admin'],
    ['POST', '/api/v1/anything-new', 'admin'],
    ['PATCH', '/api/v1/spend', 'admin'],
    ['GET', '/api/v1/', 'admin'],
  ];
  it.each(table)('%s %s needs %s', (method, path, need) => {
    expect(needOf(method, path)).toBe(need);
  });
  it('reads a raw path with a query string like its route', () => {
    expect(needOf('GET', '/api/v1/spend?from=2026-11-01')).toBe('read');
  });
});

describe.each(engines)('tokens, invitations and permissions on %s', (engine) => {
  let t: TestApp;
  let clock = new Date('2026-11-20T09:00:00Z');
  /** Every secret handed out in this suite; none may be stored as it is. */
  const secrets: string[] = [TEST_TOKEN, OWNER.password];
  beforeAll(async () => {
    const env = { SPENDLENS_OWNER_EMAIL: OWNER.email, SPENDLENS_OWNER_PASSWORD: OWNER.password };
    t = await startTestApp(env, () => clock, engine);
    await ensureOwner(t.ctx);
    for (const name of ['search', 'billing']) {
      await call('POST', '/api/v1/teams', t.auth, { name });
    }
  });
  afterAll(() => t.close());

  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  function call(method: string, url: string, headers: Record<string, string>, payload?: unknown) {
    return t.app.inject({ method: method as 'GET', url, headers, payload: payload as object });
  }
  const newToken = async (body: Record<string, unknown>) => {
    const res = await call('POST', '/api/v1/tokens', t.auth, body);
    expect(res.statusCode).toBe(201);
    secrets.push(res.json().token);
    return res.json() as { id: string; token: string };
  };
  const invite = async (body: Record<string, unknown>) => {
    const res = await call('POST', '/api/v1/invitations', t.auth, body);
    expect(res.statusCode).toBe(201);
    const token = String(res.json().link).split('/invite/')[1]!;
    secrets.push(token);
    return token;
  };
  const accept = (token: string, body: Record<string, unknown>) =>
    call('POST', `/api/invitations/${token}/accept`, {}, body);
  const userSession = async (email: string, role: string, teams: unknown[] = []) => {
    const password = `${role} password long enough`;
    secrets.push(password);
    const res = await accept(await invite({ email, role, teams }), { name: email, password });
    expect(res.statusCode).toBe(200);
    secrets.push(String(res.headers['set-cookie']).split(';')[0]!.split('=')[1]!);
    return { cookie: String(res.headers['set-cookie']).split(';')[0]!, csrf: res.json().csrfToken as string };
  };

  it('creates a token shown once, lists it without its secret, and records its last use', async () => {
    const made = await newToken({ scopes: ['read'], label: 'grafana' });
    expect(made.token).toMatch(/^sl_/);
    expect((await call('GET', '/api/v1/spend', bearer(made.token))).statusCode).toBe(200);
    const listed = (await call('GET', '/api/v1/tokens', t.auth)).json().tokens;
    const mine = listed.find((x: { id: string }) => x.id === made.id);
    expect(mine).toMatchObject({
      label: 'grafana',
      scopes: ['read'],
      team: null,
      lastUsedAt: clock.toISOString(),
    });
    expect(JSON.stringify(listed)).not.toContain(made.token);
  });

  it('stops a revoked token at once, and the sessions signed in with it', async () => {
    const made = await newToken({ scopes: ['read', 'ingest'] });
    expect((await call('GET', '/api/v1/spend', bearer(made.token))).statusCode).toBe(200);
    const signed = await call('POST', '/api/session', {}, { token: made.token });
    const cookie = String(signed.headers['set-cookie']).split(';')[0]!;
    expect((await call('DELETE', `/api/v1/tokens/${made.id}`, t.auth)).statusCode).toBe(204);
    expect((await call('GET', '/api/v1/spend', bearer(made.token))).statusCode).toBe(401);
    expect((await call('GET', '/api/v1/spend', { cookie })).statusCode).toBe(401);
    expect((await call('DELETE', `/api/v1/tokens/${made.id}`, t.auth)).statusCode).toBe(404);
  });

  it('lets an ingest token write usage but read nothing', async () => {
    const { token } = await newToken({ scopes: ['ingest'] });
    const posted = await call('POST', '/api/v1/usage', bearer(token), record);
    expect(posted.statusCode).toBe(200);
    for (const url of [
      '/api/v1/spend',
      '/api/v1/usage',
      '/api/v1/summary',
      '/v1/transactions',
      '/api/v1/teams',
    ]) {
      const res = await call('GET', url, bearer(token));
      expect(res.statusCode, url).toBe(403);
      expect(res.json().error.message).toContain('"read" permission');
    }
  });

  it('lets a read token change nothing', async () => {
    const { token } = await newToken({ scopes: ['read'] });
    const writes: [string, string, unknown][] = [
      ['POST', '/api/v1/usage', record],
      ['POST', '/api/v1/teams', { name: 'x' }],
      ['POST', '/api/v1/tokens', { scopes: ['admin'] }],
      ['PUT', '/api/v1/pricing/overrides', {}],
      ['POST', '/api/v1/sources', {}],
      ['POST', '/api/v1/attribution/rules', {}],
      ['POST', '/api/v1/budgets', {}],
      ['DELETE', '/api/v1/users/someone', undefined],
      ['POST', '/api/v2/write', 'ai_costs cost=1'],
    ];
    for (const [method, url, body] of writes) {
      expect((await call(method, url, bearer(token), body)).statusCode, `${method} ${url}`).toBe(403);
    }
    expect((await call('GET', '/api/v1/users', bearer(token))).statusCode).toBe(403);
    expect((await call('GET', '/api/v1/audit', bearer(token))).statusCode).toBe(403);
  });

  it('refuses an admin scope on a token bound to a team, and a team that does not exist', async () => {
    const admin = await call('POST', '/api/v1/tokens', t.auth, { scopes: ['admin'], team: 'search' });
    expect(admin.statusCode).toBe(400);
    const missing = await call('POST', '/api/v1/tokens', t.auth, { scopes: ['read'], team: 'nope' });
    expect(missing.statusCode).toBe(404);
  });

  it('accepts an invitation once, into the invited role and teams', async () => {
    const token = await invite({
      email: 'Maya@Acme.example',
      role: 'member',
      teams: [{ team: 'search', role: 'lead' }],
    });
    const info = await call('GET', `/api/invitations/${token}`, {});
    expect(info.json()).toMatchObject({ kind: 'invite', email: 'maya@acme.example', role: 'member' });
    const password = 'maya has a long password';
    secrets.push(password);
    const first = await accept(token, { name: 'Maya', password });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({
      user: {
        email: 'maya@acme.example',
        name: 'Maya',
        role: 'member',
        teams: [{ team: 'search', role: 'lead' }],
      },
      teams: ['search'],
      leadOf: ['search'],
      permissions: ['read', 'manage_budgets', 'manage_alerts', 'gateway'],
    });
    expect((await accept(token, { name: 'Again', password })).statusCode).toBe(404);
    const signIn = await call('POST', '/api/session', {}, { email: 'maya@acme.example', password });
    expect(signIn.statusCode).toBe(200);
  });

  it('refuses an expired invitation and a password that is too short', async () => {
    const token = await invite({ email: 'late@acme.example', role: 'analyst' });
    expect((await accept(token, { name: 'Late', password: 'short' })).statusCode).toBe(400);
    clock = new Date(clock.getTime() + 7 * 86_400_000 + 1);
    const res = await accept(token, { name: 'Late', password: 'late but long enough' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.message).toContain('expired');
  });

  it('keeps members to their own permissions, and analysts to reading and managing spend', async () => {
    const member = await userSession('mo@acme.example', 'member', ['billing']);
    const analyst = await userSession('ann@acme.example', 'analyst');
    const teams = (await call('GET', '/api/v1/teams', { cookie: member.cookie })).json().teams;
    expect(teams.map((x: { name: string }) => x.name)).toEqual(['billing']);
    expect((await call('GET', '/api/v1/users', { cookie: member.cookie })).statusCode).toBe(403);
    expect((await call('GET', '/api/v1/audit', { cookie: member.cookie })).statusCode).toBe(403);
    expect((await call('GET', '/api/v1/audit', { cookie: analyst.cookie })).statusCode).toBe(200);
    const asAnalyst = { cookie: analyst.cookie, 'x-csrf-token': analyst.csrf };
    expect((await call('POST', '/api/v1/teams', asAnalyst, { name: 'nope' })).statusCode).toBe(403);
    expect((await call('POST', '/api/v1/usage', asAnalyst, record)).statusCode).toBe(403);
  });

  it('lets only owners touch owners, and never removes the last owner', async () => {
    const admin = await userSession('adm@acme.example', 'admin');
    const asAdmin = { cookie: admin.cookie, 'x-csrf-token': admin.csrf };
    const owner = (await call('GET', '/api/v1/users', t.auth))
      .json()
      .users.find((u: { email: string }) => u.email === OWNER.email);
    expect((await call('PUT', `/api/v1/users/${owner.id}`, asAdmin, { role: 'member' })).statusCode).toBe(
      403,
    );
    expect(
      (await call('POST', '/api/v1/invitations', asAdmin, { email: 'o2@acme.example', role: 'owner' }))
        .statusCode,
    ).toBe(403);
    const signedIn = await call('POST', '/api/session', {}, OWNER);
    const asOwner = {
      cookie: String(signedIn.headers['set-cookie']).split(';')[0]!,
      'x-csrf-token': signedIn.json().csrfToken,
    };
    expect((await call('DELETE', `/api/v1/users/${owner.id}`, t.auth)).statusCode).toBe(403);
    const last = await call('DELETE', `/api/v1/users/${owner.id}`, asOwner);
    expect(last.statusCode).toBe(409);
    expect(last.json().error.message).toContain('last owner');
    const moved = await call('PUT', '/api/v1/users/adm@acme.example', asAdmin, { teams: ['search'] });
    expect(moved.json()).toMatchObject({ teams: [{ team: 'search', role: 'member' }] });
  });

  it('audits user, team and token changes with who made them, newest first', async () => {
    const entries = (await call('GET', '/api/v1/audit?limit=200', t.auth)).json().entries;
    const actions = new Set(entries.map((e: { action: string }) => e.action));
    for (const a of [
      'user.create',
      'team.create',
      'token.create',
      'token.revoke',
      'invitation.create',
      'user.update',
    ]) {
      expect(actions, a).toContain(a);
    }
    expect(entries.find((e: { action: string }) => e.action === 'token.create').actor).toBe(
      'token:admin (SPENDLENS_ADMIN_TOKEN)',
    );
    expect(entries.find((e: { action: string }) => e.action === 'user.update').actor).toBe(
      'user:adm@acme.example',
    );
    const times = entries.map((e: { at: string }) => e.at);
    expect([...times].sort().reverse()).toEqual(times);
    expect(JSON.stringify(entries)).not.toMatch(/sl_[A-Za-z0-9_-]{20}|password long enough/);
  });

  it('sends secure headers on answers and refusals alike', async () => {
    for (const res of [await call('GET', '/healthz', {}), await call('GET', '/api/v1/spend', {})]) {
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['strict-transport-security']).toBeDefined();
    }
  });

  it('answers an unexpected error with 500 and no stack trace', async () => {
    const app = buildApp(t.ctx);
    app.get('/api/v1/boom', async () => {
      throw new Error('secret internals at /srv/spendlens/src/thing.ts:12');
    });
    const res = await app.inject({ url: '/api/v1/boom', headers: t.auth });
    await app.close();
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: { code: 'internal', message: 'internal error' } });
    expect(res.body).not.toMatch(/secret internals|\.ts:\d+|\bat\b/);
  });

  it('stores tokens, sessions, invitations and passwords only as hashes', async () => {
    const dump = await dumpTables(t, engine);
    expect(dump.length).toBeGreaterThan(1_000);
    for (const secret of secrets)
      expect(dump.includes(secret), `a secret ${secret.slice(0, 6)}…`).toBe(false);
    expect(dump).toMatch(/scrypt\$32768\$8\$1\$/);
    expect(dump).toContain(hashToken(TEST_TOKEN));
  });
});

describe('invitations by email', () => {
  it('emails the one-time link when SMTP is set, and still answers it', async () => {
    const smtp = await startSmtp();
    const t = await startTestApp({ SMTP_URL: smtp.url });
    try {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/invitations',
        headers: t.auth,
        payload: { email: 'new@acme.example', role: 'analyst' },
      });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ emailed: true, link: expect.stringContaining('/invite/inv_') });
      expect(smtp.mails).toHaveLength(1);
      expect(smtp.mails[0]).toMatchObject({ to: ['new@acme.example'], subject: 'Your spendlens invitation' });
      expect(smtp.mails[0]!.text).toContain(res.json().link);
      expect(smtp.mails[0]!.text).toContain('as analyst');
    } finally {
      await t.close();
      await smtp.close();
    }
  });
});

/** Every row of every table, as text: from the schema on PostgreSQL, from a copy of the file on DuckDB. */
async function dumpTables(t: TestApp, engine: string): Promise<string> {
  const out: string[] = [];
  if (engine === 'postgres') {
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    const schema = t.ctx.config.storage.schema!;
    const tables = await client.query(
      'SELECT table_name FROM information_schema.tables WHERE table_schema = $1',
      [schema],
    );
    for (const { table_name } of tables.rows) {
      const rows = await client.query(`SELECT * FROM ${schema}."${table_name}"`);
      out.push(JSON.stringify(rows.rows));
    }
    await client.end();
    return out.join('\n');
  }
  // why: the running store holds the file; checkpoint and read a copy so nothing in the WAL is missed.
  const { copyFileSync, existsSync } = await import('node:fs');
  const path = duckDbPath(t.ctx.config);
  const copy = `${path}.dump.duckdb`;
  copyFileSync(path, copy);
  if (existsSync(`${path}.wal`)) copyFileSync(`${path}.wal`, `${copy}.wal`);
  const instance = await DuckDBInstance.create(copy);
  const conn = await instance.connect();
  const tables = (
    await conn.runAndReadAll("SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'")
  ).getRowObjectsJson();
  for (const { table_name } of tables) {
    out.push(JSON.stringify((await conn.runAndReadAll(`SELECT * FROM "${table_name}"`)).getRowObjectsJson()));
  }
  conn.closeSync();
  instance.closeSync();
  return out.join('\n');
}
