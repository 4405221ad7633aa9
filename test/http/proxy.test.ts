import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';

const OWNER = {
  SPENDLENS_OWNER_EMAIL: 'owner@proxy.example',
  SPENDLENS_OWNER_PASSWORD: 'a long owner password',
};

describe('behind a TLS-terminating proxy', () => {
  let t: TestApp;
  afterEach(async () => {
    await t?.close();
  });
  const signIn = () =>
    t.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email: OWNER.SPENDLENS_OWNER_EMAIL, password: OWNER.SPENDLENS_OWNER_PASSWORD },
      headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.7' },
      remoteAddress: '10.0.0.1',
    });

  it('marks the session cookie Secure when trust_proxy is on', async () => {
    t = await startTestApp({ ...OWNER, SPENDLENS_TRUST_PROXY: 'true' });
    const { ensureOwner } = await import('../../src/app/identity/owner.ts');
    await ensureOwner(t.ctx);
    const res = await signIn();
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['set-cookie'])).toMatch(/; Secure$/);
  });

  it('ignores the forwarded headers by default, so a client cannot claim TLS', async () => {
    t = await startTestApp(OWNER);
    const { ensureOwner } = await import('../../src/app/identity/owner.ts');
    await ensureOwner(t.ctx);
    const res = await signIn();
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['set-cookie'])).not.toMatch(/Secure/);
  });
});
