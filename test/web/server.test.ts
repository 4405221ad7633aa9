import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorHandler } from '../../src/present/http/errors.ts';
import { WEB_DIST, webRoutes } from '../../src/present/http/routes/web.ts';
import { startTestApp, TEST_TOKEN, type TestApp } from '../helpers/app.ts';
import { ensureWebBuild } from '../helpers/browser.ts';

describe('the dashboard routes', () => {
  let t: TestApp;
  beforeAll(async () => {
    ensureWebBuild();
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const get = (url: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url, headers });
  const signIn = (token: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url: '/api/session', payload: { token }, headers });

  it('serves the app for its own paths and leaves API paths to the API', async () => {
    for (const path of ['/', '/explore', '/pricing?from=2026-11-01&to=2026-11-07']) {
      const res = await get(path);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.body).toContain('<div id="root">');
    }
    const api = await get('/api/v1/nope', { authorization: `Bearer ${TEST_TOKEN}` });
    expect(api.statusCode).toBe(404);
    expect(api.json().error.code).toBe('not_found');
    expect((await get('/api/v1/nope')).statusCode).toBe(401);
    expect((await get('/assets/missing-abc.js')).statusCode).toBe(404);
  });

  it('sends hashed assets compressed and cached for good', async () => {
    const script = readdirSync(join(WEB_DIST, 'assets')).find((f) => f.endsWith('.js'));
    const res = await get(`/assets/${script}`, { 'accept-encoding': 'gzip, br' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/javascript');
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['cache-control']).toContain('immutable');
    const plain = await get(`/assets/${script}`);
    expect(plain.headers['content-encoding']).toBeUndefined();
  });

  it('never serves a file from outside the build', async () => {
    const res = await get('/%2e%2e/%2e%2e/package.json');
    expect(res.body).not.toContain('"devDependencies"');
  });

  it('turns a valid token into an HttpOnly, SameSite=Lax session cookie the API accepts', async () => {
    expect((await signIn('wrong-token-wrong-token')).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/session', payload: {} })).statusCode).toBe(400);
    const res = await signIn(TEST_TOKEN);
    expect(res.statusCode).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^spendlens_session=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+$/);
    const session = cookie.split(';')[0] as string;
    expect((await get('/api/session', { cookie: session })).json()).toMatchObject({ signedIn: true });
    expect((await get('/api/v1/spend', { cookie: session })).statusCode).toBe(200);
    expect((await get('/api/session')).json()).toEqual({ signedIn: false });
    const out = await t.app.inject({ method: 'DELETE', url: '/api/session', headers: { cookie: session } });
    expect(String(out.headers['set-cookie'])).toContain('Max-Age=0');
  });

  it('refuses a sign-in posted from another site', async () => {
    const res = await signIn(TEST_TOKEN, { origin: 'https://evil.example', host: 'localhost:4180' });
    expect(res.statusCode).toBe(403);
    const same = await signIn(TEST_TOKEN, { origin: 'http://localhost:4180', host: 'localhost:4180' });
    expect(same.statusCode).toBe(200);
  });

  it('says how to build the dashboard when it is not built', async () => {
    const app = Fastify();
    app.setErrorHandler(errorHandler);
    webRoutes(app, t.ctx, { dist: mkdtempSync(join(tmpdir(), 'spendlens-nodist-')) });
    const res = await app.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(503);
    expect(res.body).toContain('npm run build:web');
    await app.close();
  });
});
