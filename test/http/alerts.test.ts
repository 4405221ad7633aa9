import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AlertEvent } from '../../src/act/alerts/event.ts';
import { verifySignature } from '../../src/act/channels/webhook.ts';
import { setAlertDeps } from '../../src/app/alerts/deps.ts';
import { raiseAlert } from '../../src/app/alerts/raise.ts';
import { sourceRunner } from '../../src/app/sources/runner.ts';
import { startTestApp, type TestApp, testEngines } from '../helpers/app.ts';
import { type Receiver, startReceiver } from '../helpers/receiver.ts';
import { startReplayServer } from '../helpers/replay-server.ts';
import { type SmtpStub, startSmtp } from '../helpers/smtp.ts';

const SLACK_TOKEN = 'SLACKTOKENplaintext0123456789';
const HOOK_SECRET = 'whsec-PLAINTEXT-signing-secret';

const event = (over: Partial<AlertEvent> = {}): AlertEvent => ({
  kind: 'threshold_crossed',
  dedupeKey: 'budget:ml-monthly:80:2026-11-01',
  severity: 'medium',
  scope: { dimension: 'team', value: 'ml' },
  budgetId: 'ml-monthly',
  title: 'Budget "ML monthly" passed 80%: $412.50 of $500.00',
  text: 'Team ml has spent $412.50 of its $500.00 monthly budget.',
  facts: [
    { label: 'Spent', value: '$412.50' },
    { label: 'Budget', value: '$500.00' },
  ],
  link: '/budgets?id=ml-monthly',
  ...over,
});

describe.each(await testEngines('the alerts API'))('alerts and channels API (%s)', (engine) => {
  let t: TestApp;
  const servers: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    await t?.close();
    for (const s of servers.splice(0)) await s.close();
  });
  const api = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: t.auth, ...(payload ? { payload } : {}) });
  const receiver = async (...args: Parameters<typeof startReceiver>): Promise<Receiver> => {
    const r = await startReceiver(...args);
    servers.push(r);
    return r;
  };
  const capture = () => {
    const logs: string[] = [];
    const waits: number[] = [];
    setAlertDeps(t.ctx, { log: (l) => logs.push(l), sleep: async (ms) => void waits.push(ms) });
    return { logs, waits };
  };

  it('keeps channel URLs and secrets write-only: sealed at rest, hinted in answers, audited', async () => {
    t = await startTestApp({}, undefined, engine);
    const hook = await receiver();
    const slackUrl = `${hook.url}/services/T0/B0/${SLACK_TOKEN}`;
    const created = await api('POST', '/api/v1/channels', {
      id: 'ml-slack',
      kind: 'slack',
      url: slackUrl,
      scope: { dimension: 'team', value: 'ml' },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      id: 'ml-slack',
      kind: 'slack',
      origin: 'api',
      enabled: true,
      minSeverity: 'high',
      urlHint: `${hook.url}/…/6789`,
      secretHint: null,
    });
    const webhook = await api('POST', '/api/v1/channels', {
      id: 'hook',
      kind: 'webhook',
      url: `${hook.url}/in`,
      secret: HOOK_SECRET,
      events: ['budget_exceeded'],
    });
    expect(webhook.json()).toMatchObject({ secretHint: '••••cret', events: ['budget_exceeded'] });
    expect((await api('POST', '/api/v1/channels', { id: 'hook', kind: 'log' })).statusCode).toBe(409);
    const noUrl = await api('POST', '/api/v1/channels', { id: 'x', kind: 'slack' });
    expect(noUrl.statusCode).toBe(400);
    expect(noUrl.json().error.message).toMatch(/url: a slack channel needs its URL/);
    const noTo = await api('POST', '/api/v1/channels', { id: 'y', kind: 'email' });
    expect(noTo.json().error.message).toMatch(/to: an email channel needs at least one recipient/);

    const changed = await api('PUT', '/api/v1/channels/hook', {
      kind: 'webhook',
      events: ['budget_exceeded', 'anomaly_detected'],
      minSeverity: 'critical',
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({
      urlHint: `${hook.url}/…/in`,
      secretHint: '••••cret',
      minSeverity: 'critical',
    });
    const list = await api('GET', '/api/v1/channels');
    expect(list.json().channels.map((c: { id: string }) => c.id)).toEqual(['hook', 'ml-slack']);
    const one = await api('GET', '/api/v1/channels/ml-slack');
    expect(one.json().scope).toEqual({ dimension: 'team', value: 'ml' });

    const rows = await t.ctx.alerting.listChannels(t.ctx.config.org);
    for (const row of rows) expect(row.secret).toMatch(/^v1\./);
    const answers = JSON.stringify([created.json(), webhook.json(), changed.json(), list.json(), one.json()]);
    const stored = JSON.stringify(rows);
    for (const text of [answers, stored]) {
      expect(text).not.toContain(SLACK_TOKEN);
      expect(text).not.toContain('PLAINTEXT');
      expect(text).not.toContain(`${hook.url}/in`);
    }

    expect((await api('DELETE', '/api/v1/channels/hook')).statusCode).toBe(204);
    expect((await api('GET', '/api/v1/channels/hook')).statusCode).toBe(404);
    const audit = await t.ctx.audit.listAudit(t.ctx.config.org, 20);
    const actions = audit
      .filter((a) => a.action.startsWith('channel.'))
      .map((a) => `${a.action} ${a.detail.id}`);
    expect(actions.sort()).toEqual([
      'channel.create hook',
      'channel.create ml-slack',
      'channel.delete hook',
      'channel.update hook',
    ]);
    expect(JSON.stringify(audit)).not.toMatch(/PLAINTEXT|SLACKTOKEN/);
  });

  it('delivers to every routed channel at once, retries a failing one, and records each delivery', async () => {
    t = await startTestApp({ SMTP_URL: '' }, undefined, engine);
    const { logs, waits } = capture();
    let slackSeen: () => void = () => undefined;
    const slackDone = new Promise<void>((r) => {
      slackSeen = r;
    });
    const slack = await receiver(() => {
      slackSeen();
      return {};
    });
    const flaky = await receiver((_, n) => (n <= 2 ? { status: 500, body: 'try later' } : {}));
    const down = await receiver(() => ({ status: 500, body: 'down for good' }));
    const other = await receiver();
    const smtp: SmtpStub = await startSmtp();
    servers.push(smtp);
    (t.ctx as { config: unknown }).config = {
      ...t.ctx.config,
      smtp: { ...t.ctx.config.smtp, url: smtp.url },
    };
    // why: the failing channel's waits block until Slack has its message, so a delivery that held the others up would hang here.
    setAlertDeps(t.ctx, {
      sleep: async (ms) => {
        waits.push(ms);
        await slackDone;
      },
    });
    const add = (body: object) => api('POST', '/api/v1/channels', body);
    await add({ id: 'slack', kind: 'slack', url: `${slack.url}/services/${SLACK_TOKEN}` });
    await add({ id: 'flaky', kind: 'webhook', url: `${flaky.url}/in`, secret: HOOK_SECRET });
    await add({ id: 'down', kind: 'webhook', url: `${down.url}/in/${SLACK_TOKEN}` });
    await add({ id: 'mail', kind: 'email', to: ['lead@example.com'] });
    await add({ id: 'log', kind: 'log' });
    await add({
      id: 'web-team',
      kind: 'webhook',
      url: `${other.url}/in`,
      scope: { dimension: 'team', value: 'web' },
    });
    await add({ id: 'off', kind: 'log', enabled: false });

    const raised = await raiseAlert(t.ctx, event());
    expect(raised?.deliveries.map((d) => `${d.channel}:${d.status}:${d.attempts}`).sort()).toEqual([
      'down:failed:4',
      'flaky:delivered:3',
      'log:delivered:1',
      'mail:delivered:1',
      'slack:delivered:1',
    ]);
    expect(waits.sort((a, b) => a - b)).toEqual([1_000, 1_000, 2_000, 2_000, 4_000]);
    expect([
      slack.received.length,
      flaky.received.length,
      down.received.length,
      other.received.length,
    ]).toEqual([1, 3, 4, 0]);
    const last = flaky.received[2]!;
    expect(
      verifySignature({
        secret: HOOK_SECRET,
        body: last.body,
        timestamp: last.headers['x-spendlens-timestamp'] as string,
        signature: last.headers['x-spendlens-signature'] as string,
      }),
    ).toBe(true);
    expect(JSON.parse(last.body)).toMatchObject({
      event: 'threshold_crossed',
      alertId: raised?.id,
      link: 'http://127.0.0.1:4180/budgets?id=ml-monthly',
    });
    expect(smtp.mails[0]?.subject).toBe(event().title);
    expect(smtp.mails[0]?.text).toContain('$412.50');
    expect(logs.filter((l) => l.startsWith('Alert triggered: Budget "ML monthly" passed 80%'))).toHaveLength(
      1,
    );
    expect(logs.join('\n')).toMatch(
      /channel "down" failed after 4 attempt\(s\): webhook: HTTP 500 down for good/,
    );

    const history = await api('GET', '/api/v1/alerts');
    expect(history.statusCode).toBe(200);
    const [alert] = history.json().alerts;
    expect(alert).toMatchObject({
      id: raised?.id,
      event: 'threshold_crossed',
      severity: 'medium',
      title: event().title,
      text: event().text,
      scope: { dimension: 'team', value: 'ml' },
      budgetId: 'ml-monthly',
      link: '/budgets?id=ml-monthly',
      facts: event().facts,
    });
    const byChannel = Object.fromEntries(alert.deliveries.map((d: { channel: string }) => [d.channel, d]));
    expect(byChannel.flaky).toMatchObject({ status: 'delivered', attempts: 3, error: null });
    expect(byChannel.down).toMatchObject({
      status: 'failed',
      attempts: 4,
      error: 'webhook: HTTP 500 down for good',
    });
    expect(byChannel.down.lastAttemptAt).toEqual(expect.any(String));
    expect(byChannel.slack).toMatchObject({ status: 'delivered', attempts: 1 });

    const everything = JSON.stringify([
      history.json(),
      logs,
      await t.ctx.alerting.listAlerts({ org: t.ctx.config.org, limit: 10 }),
    ]);
    expect(everything).not.toContain(SLACK_TOKEN);
    expect(everything).not.toContain(HOOK_SECRET);
    expect(everything).not.toContain('smtp-pass-s3cret');
  });

  it('alerts once per dedupe key, and filters the history by event', async () => {
    t = await startTestApp({}, undefined, engine);
    capture();
    const hook = await receiver();
    await api('POST', '/api/v1/channels', { id: 'hook', kind: 'webhook', url: `${hook.url}/in` });
    expect(await raiseAlert(t.ctx, event())).not.toBeNull();
    expect(await raiseAlert(t.ctx, event())).toBeNull();
    await raiseAlert(
      t.ctx,
      event({ kind: 'budget_exceeded', dedupeKey: 'budget:ml-monthly:exceeded:2026-11-01', title: 'over' }),
    );
    expect(hook.received).toHaveLength(2);
    const all = (await api('GET', '/api/v1/alerts')).json().alerts;
    expect(all.map((a: { event: string }) => a.event)).toEqual(['budget_exceeded', 'threshold_crossed']);
    const only = (await api('GET', '/api/v1/alerts?event=threshold_crossed&limit=5')).json().alerts;
    expect(only).toHaveLength(1);
    expect((await api('GET', '/api/v1/alerts?limit=1')).json().alerts).toHaveLength(1);
    const bad = await api('GET', '/api/v1/alerts?event=nope');
    expect(bad.statusCode).toBe(400);
    expect((await api('GET', `/api/v1/alerts/${all[0].id}`)).json().title).toBe('over');
  });

  it('sends a test message on demand and reports the receiver error without the URL', async () => {
    t = await startTestApp({}, undefined, engine);
    const { logs } = capture();
    const ok = await receiver();
    const bad = await receiver((req) => ({ status: 403, body: `forbidden ${req.path}` }));
    await api('POST', '/api/v1/channels', {
      id: 'ok',
      kind: 'slack',
      url: `${ok.url}/services/${SLACK_TOKEN}`,
      enabled: false,
    });
    await api('POST', '/api/v1/channels', {
      id: 'bad',
      kind: 'slack',
      url: `${bad.url}/services/${SLACK_TOKEN}`,
    });
    await api('POST', '/api/v1/channels', { id: 'log', kind: 'log' });
    expect((await api('POST', '/api/v1/channels/ok/test')).json()).toEqual({ delivered: true });
    expect(JSON.parse(ok.received[0]!.body).blocks[0].text.text).toBe('spendlens test alert');
    const failed = await api('POST', '/api/v1/channels/bad/test');
    expect(failed.json()).toEqual({ delivered: false, error: 'slack: HTTP 403 forbidden …' });
    expect(JSON.stringify(failed.json())).not.toContain(SLACK_TOKEN);
    expect((await api('POST', '/api/v1/channels/log/test')).json()).toEqual({ delivered: true });
    expect(logs[0]).toMatch(/^Alert triggered: spendlens test alert \(Channel: log, Kind: log, Sent at: /);
    expect((await api('POST', '/api/v1/channels/nope/test')).statusCode).toBe(404);
    expect((await api('GET', '/api/v1/alerts')).json().alerts).toEqual([]);
  });

  it('syncs channels from spendlens.toml: sealed, shown with their variables, read-only through the API', async () => {
    const hook = await receiver();
    const toml = join(process.env.TMPDIR ?? '/tmp', `spendlens-channels-${process.pid}-${engine}.toml`);
    writeFileSync(
      toml,
      [
        '[[channels]]',
        'id = "team-ml"',
        'kind = "webhook"',
        'url_env = "TEST_ML_HOOK_URL"',
        'secret_env = "TEST_ML_HOOK_SECRET"',
        'scope = { dimension = "team", value = "ml" }',
        'events = ["threshold_crossed"]',
      ].join('\n'),
    );
    const url = `${hook.url}/hooks/${SLACK_TOKEN}`;
    t = await startTestApp(
      { SPENDLENS_CONFIG: toml, TEST_ML_HOOK_URL: url, TEST_ML_HOOK_SECRET: HOOK_SECRET },
      undefined,
      engine,
    );
    capture();
    const list = await api('GET', '/api/v1/channels');
    expect(list.json().channels).toEqual([
      expect.objectContaining({
        id: 'team-ml',
        origin: 'config',
        urlEnv: 'TEST_ML_HOOK_URL',
        secretEnv: 'TEST_ML_HOOK_SECRET',
        urlHint: `${hook.url}/…/6789`,
        secretHint: '••••cret',
      }),
    ]);
    expect(JSON.stringify(list.json())).not.toMatch(/PLAINTEXT|SLACKTOKEN/);
    const [row] = await t.ctx.alerting.listChannels(t.ctx.config.org);
    expect(row?.secret).toMatch(/^v1\./);
    expect(JSON.stringify(row)).not.toMatch(/PLAINTEXT|SLACKTOKEN/);
    expect((await api('PUT', '/api/v1/channels/team-ml', { kind: 'log' })).statusCode).toBe(409);
    expect((await api('DELETE', '/api/v1/channels/team-ml')).statusCode).toBe(409);
    await raiseAlert(t.ctx, event());
    await raiseAlert(t.ctx, event({ dedupeKey: 'other-team', scope: { dimension: 'team', value: 'web' } }));
    expect(hook.received).toHaveLength(1);
    const r = hook.received[0]!;
    const signed = {
      body: r.body,
      timestamp: r.headers['x-spendlens-timestamp'] as string,
      signature: r.headers['x-spendlens-signature'] as string,
    };
    expect(verifySignature({ ...signed, secret: HOOK_SECRET })).toBe(true);
    expect(verifySignature({ ...signed, secret: 'not-the-secret' })).toBe(false);
  });

  it('alerts when a pull source starts failing, once per streak, and when it recovers', async () => {
    t = await startTestApp({}, undefined, engine);
    const { logs } = capture();
    let healthy = false;
    const provider = await startReplayServer(() =>
      healthy
        ? { body: { data: [], has_more: false, next_page: null } }
        : { status: 401, body: { error: 'bad key' } },
    );
    servers.push(provider);
    sourceRunner(t.ctx, { sleep: async () => undefined, log: () => undefined });
    await api('POST', '/api/v1/channels', { id: 'log', kind: 'log' });
    await api('POST', '/api/v1/sources', {
      id: 'anth',
      kind: 'anthropic',
      api: 'legacy',
      key: 'sk-ant-admin01-key-0123456789',
      baseUrl: `${provider.url}/v1`,
      backfillDays: 1,
    });
    const sync = () => api('POST', '/api/v1/sources/anth/sync');
    expect((await sync()).json().ok).toBe(false);
    expect((await sync()).json().ok).toBe(false);
    healthy = true;
    expect((await sync()).json().ok).toBe(true);
    expect((await sync()).json().ok).toBe(true);
    const alerts = (await api('GET', '/api/v1/alerts?event=source_failing,source_recovered')).json().alerts;
    expect(alerts.map((a: { event: string; title: string }) => `${a.event}: ${a.title}`)).toEqual([
      'source_recovered: Source "anth" recovered',
      'source_failing: Source "anth" is failing',
    ]);
    expect(alerts[1].deliveries).toEqual([expect.objectContaining({ channel: 'log', status: 'delivered' })]);
    expect(logs.filter((l) => l.startsWith('Alert triggered: Source "anth"'))).toHaveLength(2);
  });
});
