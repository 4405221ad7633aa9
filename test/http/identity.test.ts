import type { FastifyReply, FastifyRequest } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureOwner } from '../../src/app/identity/owner.ts';
import { setSessionCookie } from '../../src/present/http/auth.ts';
import { startTestApp, type TestApp, testEngines } from '../helpers/app.ts';

const OWNER = { email: 'owner@acme.example', password: 'correct horse battery staple' };
const engines = await testEngines('the identity routes on PostgreSQL');

describe.each(engines)('signing in, sessions and CSRF on %s', (engine) => {
  let t: TestApp;
  let clock = new Date('2026-11-20T09:00:00Z');
  beforeAll(async () => {
    const env = { SPENDLENS_OWNER_EMAIL: OWNER.email, SPENDLENS_OWNER_PASSWORD: OWNER.password };
    t = await startTestApp(env, () => clock, engine);
    expect(await ensureOwner(t.ctx)).toBeNull();
  });
  afterAll(() => t.close());

  const advance = (ms: number) => {
    clock = new Date(clock.getTime() + ms);
  };
  let ip = 0;
  /** Each test signs in from its own address, so the per-address limit stays out of the way. */
  const nextIp = () => `10.0.0.${++ip}`;
  const signIn = (body: Record<string, string>, remoteAddress = '10.9.9.9') =>
    t.app.inject({ method: 'POST', url: '/api/session', payload: body, remoteAddress });
  const session = async (email = OWNER.email, password = OWNER.password) => {
    const res = await signIn({ email, password }, nextIp());
    expect(res.statusCode).toBe(200);
    const cookie = String(res.headers['set-cookie']).split(';')[0] as string;
    return { cookie, csrf: res.json().csrfToken as string };
  };

  it('signs in into an HttpOnly, SameSite=Lax cookie and says who is signed in', async () => {
    const res = await signIn({ email: 'Owner@Acme.example', password: OWNER.password }, nextIp());
    expect(res.statusCode).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^spendlens_session=ss_[^;]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=604800$/);
    expect(res.json()).toMatchObject({
      signedIn: true,
      user: { email: OWNER.email, role: 'owner', teams: [] },
      csrfToken: expect.any(String),
    });
    const asked = await t.app.inject({ url: '/api/session', headers: { cookie: cookie.split(';')[0]! } });
    expect(asked.json()).toMatchObject({
      signedIn: true,
      user: { email: OWNER.email },
      permissions: expect.arrayContaining(['admin']),
    });
    expect(asked.json().csrfToken).toBe(res.json().csrfToken);
  });

  it('marks the cookie Secure when the request came over TLS', () => {
    const headers: Record<string, string> = {};
    const reply = { header: (k: string, v: string) => Object.assign(headers, { [k]: v }) };
    for (const protocol of ['https', 'http'] as const) {
      setSessionCookie({ protocol } as FastifyRequest, reply as unknown as FastifyReply, 'ss_x', 60);
      expect(headers['set-cookie']?.endsWith('; Secure')).toBe(protocol === 'https');
    }
  });

  it('answers a wrong password and an unknown email alike', async () => {
    const wrong = await signIn({ email: OWNER.email, password: 'not the password' }, nextIp());
    const unknown = await signIn({ email: 'nobody@acme.example', password: 'whatever password' }, nextIp());
    for (const res of [wrong, unknown]) {
      expect(res.statusCode).toBe(401);
      expect(res.json().error.message).toBe('email or password is wrong');
      expect(res.headers['set-cookie']).toBeUndefined();
    }
    expect((await signIn({}, nextIp())).statusCode).toBe(400);
  });

  it('locks an account after 5 wrong passwords, for 15 minutes, and says when to retry', async () => {
    await t.app
      .inject({
        method: 'POST',
        url: '/api/v1/invitations',
        headers: t.auth,
        payload: { email: 'locked@acme.example', role: 'member' },
      })
      .then(async (res) => {
        const token = String(res.json().link).split('/invite/')[1];
        const accept = { name: 'Lo', password: 'a long enough password' };
        await t.app.inject({ method: 'POST', url: `/api/invitations/${token}/accept`, payload: accept });
      });
    const wrong = { email: 'locked@acme.example', password: 'wrong wrong wrong' };
    const right = { email: 'locked@acme.example', password: 'a long enough password' };
    for (let i = 0; i < 4; i++) expect((await signIn(wrong, nextIp())).statusCode).toBe(401);
    const fifth = await signIn(wrong, nextIp());
    expect(fifth.statusCode).toBe(429);
    expect(fifth.json().error.message).toMatch(/locked until \d\d:\d\d UTC; try again in 15 minutes/);
    expect(fifth.headers['retry-after']).toBe('900');
    expect((await signIn(right, nextIp())).statusCode).toBe(429);
    advance(14 * 60_000);
    expect((await signIn(right, nextIp())).headers['retry-after']).toBe('60');
    advance(60_001);
    expect((await signIn(right, nextIp())).statusCode).toBe(200);
  });

  it('locks an unknown email the same way, so a lock tells nothing', async () => {
    const ghost = { email: 'ghost@acme.example', password: 'wrong wrong wrong' };
    for (let i = 0; i < 4; i++) expect((await signIn(ghost, nextIp())).statusCode).toBe(401);
    expect((await signIn(ghost, nextIp())).statusCode).toBe(429);
  });

  it('limits sign-in attempts per address: 20 in 5 minutes, then 429 with Retry-After', async () => {
    const address = nextIp();
    for (let i = 0; i < 20; i++) {
      const res = await signIn({ email: `probe${i}@acme.example`, password: 'guess guess guess' }, address);
      expect(res.statusCode).toBe(401);
    }
    const refused = await signIn(OWNER, address);
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.json().error.message).toContain('too many sign-in attempts');
    expect((await signIn(OWNER, nextIp())).statusCode).toBe(200);
    advance(5 * 60_000 + 1);
    expect((await signIn(OWNER, address)).statusCode).toBe(200);
  });

  it('asks for the CSRF token on writes made with the cookie, not with a bearer token', async () => {
    const s = await session();
    const post = (name: string, headers: Record<string, string>) =>
      t.app.inject({ method: 'POST', url: '/api/v1/teams', payload: { name }, headers });
    const missing = await post('csrf-a', { cookie: s.cookie });
    expect(missing.statusCode).toBe(403);
    expect(missing.json().error.message).toContain('missing or wrong CSRF token');
    expect((await post('csrf-a', { cookie: s.cookie, 'x-csrf-token': 'forged' })).statusCode).toBe(403);
    expect((await post('csrf-a', { cookie: s.cookie, 'x-csrf-token': s.csrf })).statusCode).toBe(201);
    expect((await post('csrf-b', t.auth)).statusCode).toBe(201);
    // reads need no CSRF token
    expect((await t.app.inject({ url: '/api/v1/teams', headers: { cookie: s.cookie } })).statusCode).toBe(
      200,
    );
  });

  it('ends a session after 12 idle hours, and 7 days after sign-in however busy', async () => {
    const idle = await session();
    const busy = await session();
    const read = async (cookie: string) =>
      (await t.app.inject({ url: '/api/v1/teams', headers: { cookie } })).statusCode;
    advance(6 * 3_600_000);
    expect(await read(busy.cookie)).toBe(200);
    advance(6 * 3_600_000 + 1);
    expect(await read(busy.cookie)).toBe(200);
    const ended = await t.app.inject({ url: '/api/v1/teams', headers: { cookie: idle.cookie } });
    expect(ended.statusCode).toBe(401);
    expect(ended.json().error.message).toContain('sign in again');
    // 12 h and 1 ms have passed; keep the busy one busy until just before its seventh day ends
    for (let hours = 12; hours < 7 * 24 - 6; hours += 6) {
      advance(6 * 3_600_000);
      expect(await read(busy.cookie)).toBe(200);
    }
    advance(6 * 3_600_000);
    expect(await read(busy.cookie)).toBe(401);
  });

  it('signs out: the session id stops working even if copied', async () => {
    const s = await session();
    const out = await t.app.inject({ method: 'DELETE', url: '/api/session', headers: { cookie: s.cookie } });
    expect(String(out.headers['set-cookie'])).toContain('Max-Age=0');
    expect((await t.app.inject({ url: '/api/v1/teams', headers: { cookie: s.cookie } })).statusCode).toBe(
      401,
    );
    expect((await t.app.inject({ url: '/api/session', headers: { cookie: s.cookie } })).json()).toEqual({
      signedIn: false,
    });
  });

  it('still signs in with an API token, into a session of that token', async () => {
    const res = await signIn({ token: t.auth.authorization.slice('Bearer '.length) }, nextIp());
    expect(res.statusCode).toBe(200);
    // why: the configured token has no person behind it: it administers, but is never an owner.
    expect(res.json()).toMatchObject({ signedIn: true, user: null, role: 'admin' });
    const cookie = String(res.headers['set-cookie']).split(';')[0]!;
    expect(cookie).not.toContain(t.auth.authorization.slice('Bearer '.length));
    expect((await t.app.inject({ url: '/api/v1/spend', headers: { cookie } })).statusCode).toBe(200);
  });
});
