import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ensureOwner } from '../../src/app/identity/owner.ts';
import { buildApp } from '../../src/present/http/app.ts';
import { startTestApp, TEST_TOKEN, type TestApp } from '../helpers/app.ts';
import { type Receiver, startReceiver } from '../helpers/receiver.ts';

const NOW = new Date('2026-11-20T12:00:00Z');
const OWNER = { email: 'owner@acme.example', password: 'owner password that is long' };

/** One answer and the secrets it was meant to hand out (a new token's creation shows it once). */
interface Answer {
  what: string;
  text: string;
  allowed: string[];
}

/**
 * A whole session (sign-in, a new token, channels with URLs and a signing secret, a source with a key,
 * an invitation, failing deliveries and syncs against a receiver that echoes what it was sent), with the
 * app logging everything from `trace` up and the console captured: no secret may show up in an answer
 * that was not meant to hand it out, and none in any log line.
 */
describe('secrets and tokens in answers and logs', () => {
  let t: TestApp;
  let app: FastifyInstance;
  let echo: Receiver;
  const logs: string[] = [];
  const answers: Answer[] = [];
  const secrets = new Set<string>([TEST_TOKEN, OWNER.password]);
  beforeAll(async () => {
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, level).mockImplementation(
        (...args: unknown[]) => void logs.push(args.map(String).join(' ')),
      );
    }
    t = await startTestApp(
      { SPENDLENS_OWNER_EMAIL: OWNER.email, SPENDLENS_OWNER_PASSWORD: OWNER.password },
      () => NOW,
    );
    await ensureOwner(t.ctx);
    app = buildApp(t.ctx, { logStream: { write: (line) => void logs.push(line) }, logLevel: 'trace' });
    await app.ready();
    // A receiver that refuses everything and echoes the path, the credentials and the body it got.
    echo = await startReceiver((req) => ({
      status: 401,
      body: `denied ${req.path} ${req.headers.authorization ?? ''} ${req.headers['x-api-key'] ?? ''} ${req.body.slice(0, 80)}`,
    }));
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await echo.close();
    await app.close();
    await t.close();
  });

  async function call(
    method: string,
    url: string,
    headers: Record<string, string>,
    payload?: unknown,
    allowed: string[] = [],
  ) {
    const res = await app.inject({
      method: method as 'GET',
      url,
      headers,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
    const { 'set-cookie': _cookie, ...rest } = res.headers;
    answers.push({
      what: `${method} ${url} → ${res.statusCode}`,
      text: `${res.body}\n${JSON.stringify(rest)}`,
      allowed,
    });
    return res;
  }
  const secret = (s: string) => {
    secrets.add(s);
    return s;
  };

  it('keeps every secret of a session out of answers and logs', async () => {
    const signIn = await call('POST', '/api/session', {}, OWNER);
    expect(signIn.statusCode).toBe(200);
    const session = secret(String(signIn.headers['set-cookie']).split(';')[0]!.split('=')[1]!);
    const owner = { cookie: `spendlens_session=${session}`, 'x-csrf-token': signIn.json().csrfToken };
    expect(
      (await call('POST', '/api/session', {}, { ...OWNER, password: secret('wrong password guess 123') }))
        .statusCode,
    ).toBe(401);
    expect(
      (
        await call('GET', '/api/v1/spend', {
          authorization: `Bearer ${secret('sl_not_a_real_token_0123456789')}`,
        })
      ).statusCode,
    ).toBe(401);

    const made = await call('POST', '/api/v1/tokens', owner, { scopes: ['read'], label: 'grafana' });
    const token = secret(made.json().token);
    answers.at(-1)!.allowed.push(token);
    const bearer = { authorization: `Bearer ${token}` };
    for (const url of ['/api/v1/tokens', '/api/v1/audit', '/api/v1/users']) await call('GET', url, owner);
    for (const url of ['/api/v1/spend', '/metrics', '/api/session']) await call('GET', url, bearer);
    const tokenSession = await call('POST', '/api/session', {}, { token });
    secret(String(tokenSession.headers['set-cookie']).split(';')[0]!.split('=')[1]!);

    const slack = secret(`${echo.url}/services/T000/B000/slack-secret-path-123`);
    const hook = secret(`${echo.url}/hook/webhook-secret-path-456`);
    const signing = secret('signing-secret-789xyz');
    expect(
      (await call('POST', '/api/v1/channels', owner, { id: 'ops', kind: 'slack', url: slack })).statusCode,
    ).toBe(201);
    expect(
      (
        await call('POST', '/api/v1/channels', owner, {
          id: 'hook',
          kind: 'webhook',
          url: hook,
          secret: signing,
        })
      ).statusCode,
    ).toBe(201);
    await call('POST', '/api/v1/channels', owner, {
      id: 'bad',
      kind: 'nope',
      url: secret(`${echo.url}/services/bad-secret-000`),
    });
    await call('POST', '/api/v1/channels', owner, {
      id: 'ops',
      kind: 'slack',
      url: secret(`${echo.url}/services/dup-secret-111`),
    });
    for (const url of ['/api/v1/channels', '/api/v1/channels/ops', '/api/v1/channels/hook'])
      await call('GET', url, owner);
    for (const id of ['ops', 'hook']) {
      const sent = await call('POST', `/api/v1/channels/${id}/test`, owner);
      expect(sent.json().delivered).toBe(false);
    }
    const rotated = secret(`${echo.url}/hook/rotated-secret-path-789`);
    expect(
      (
        await call('PUT', '/api/v1/channels/hook', owner, {
          kind: 'webhook',
          url: rotated,
          secret: secret('rotated-signing-secret'),
        })
      ).statusCode,
    ).toBe(200);
    await call('POST', '/api/v1/channels/hook/test', owner);

    const key = secret('sk-source-secret-key-abcdef0123');
    expect(
      (await call('POST', '/api/v1/sources', owner, { id: 'oa', kind: 'openai', key, baseUrl: echo.url }))
        .statusCode,
    ).toBe(201);
    await call('POST', '/api/v1/sources/oa/sync', owner);
    await call('PUT', '/api/v1/sources/oa', owner, {
      kind: 'openai',
      key: secret('sk-rotated-source-key-4567'),
      baseUrl: echo.url,
    });
    await call('POST', '/api/v1/sources/oa/sync', owner);
    await call('POST', '/api/v1/sources', owner, {
      id: 'Bad Id',
      kind: 'openai',
      key: secret('sk-refused-source-key-8910'),
    });
    for (const url of ['/api/v1/sources', '/api/v1/sources/oa', '/api/v1/audit?limit=1000', '/metrics'])
      await call('GET', url, owner);

    const invited = await call('POST', '/api/v1/invitations', owner, {
      email: 'new@acme.example',
      role: 'member',
    });
    const link = String(invited.json().link);
    const invite = secret(link.split('/invite/')[1]!);
    answers.at(-1)!.allowed.push(invite);
    await call('GET', '/api/v1/invitations', owner);
    await call('GET', `/api/invitations/${invite}`, {}, undefined, [invite]);
    const accepted = await call(
      'POST',
      `/api/invitations/${invite}/accept`,
      {},
      { name: 'New', password: secret('new member password 42') },
      [invite],
    );
    expect(accepted.statusCode).toBe(200);
    secret(String(accepted.headers['set-cookie']).split(';')[0]!.split('=')[1]!);
    await call('GET', '/api/v1/audit?limit=1000', owner);

    expect(echo.received.length).toBeGreaterThan(3);
    const leaks: string[] = [];
    for (const s of secrets) {
      for (const a of answers)
        if (!a.allowed.includes(s) && a.text.includes(s)) leaks.push(`${a.what} holds ${s}`);
      for (const line of logs)
        if (line.includes(s)) leaks.push(`a log line holds ${s}: ${line.slice(0, 200)}`);
    }
    expect(leaks).toEqual([]);
    expect(logs.length).toBeGreaterThan(20);
    for (const a of answers) expect(a.text, a.what).not.toMatch(/\n\s+at .+:\d+:\d+|\.ts:\d+/);
  });
});
