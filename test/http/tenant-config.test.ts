import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setAlertDeps } from '../../src/app/alerts/deps.ts';
import { createBudget } from '../../src/app/budgets/manage.ts';
import { operator } from '../../src/app/identity/guard.ts';
import { createSession } from '../../src/app/identity/sessions.ts';
import { createUser } from '../../src/app/identity/users.ts';
import { startJobs } from '../../src/app/jobs.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { type Receiver, startReceiver } from '../helpers/receiver.ts';
import { makeRecord } from '../helpers/records.ts';

/**
 * What spendlens.toml defines (sources with the provider key, channels with their URLs, budgets)
 * belongs to the configured org. A second tenant on the same server sees none of it and cannot
 * reach it by id: its syncs would pull the first org's provider usage, its alerts reach the first
 * org's Slack.
 */
describe('config-defined sources, channels and budgets stay with the configured org', () => {
  let t: TestApp;
  let other: Record<string, string>;
  let slack: Receiver;
  beforeAll(async () => {
    slack = await startReceiver();
    const dir = join((await import('node:os')).tmpdir(), `spendlens-tenant-config-${process.pid}`);
    (await import('node:fs')).mkdirSync(dir, { recursive: true });
    const file = join(dir, 'spendlens.toml');
    writeFileSync(
      file,
      `
[[sources]]
id = "openai-main"
kind = "openai"
key_env = "OPENAI_ADMIN_KEY"
enabled = false

[[channels]]
id = "finance-slack"
kind = "slack"
url_env = "FINANCE_SLACK_URL"

[[budgets]]
id = "org-monthly"
amount = "1000"
`,
    );
    t = await startTestApp({
      SPENDLENS_CONFIG: file,
      OPENAI_ADMIN_KEY: 'sk-admin-first-org-key-0000',
      FINANCE_SLACK_URL: `${slack.url}/services/T1/B1/firstorgsecret`,
    });
    setAlertDeps(t.ctx, { sleep: async () => undefined, log: () => undefined });
    const made = await createUser(
      t.ctx,
      {
        org: 'org-two',
        email: 'olga@two.example',
        name: 'Olga',
        role: 'owner',
        password: 'a long enough password',
        teams: [],
      },
      operator('org-two'),
    );
    const session = await createSession(t.ctx, { org: 'org-two', userId: made.id });
    other = { cookie: `spendlens_session=${session.id}`, 'x-csrf-token': session.csrfToken };
  });
  afterAll(async () => {
    await t?.close();
    await slack?.close();
  });
  const get = (url: string, headers: Record<string, string>) => t.app.inject({ url, headers });

  it('the configured org sees them', async () => {
    expect((await get('/api/v1/sources', t.auth)).json().sources.map((s: { id: string }) => s.id)).toEqual([
      'openai-main',
    ]);
    expect((await get('/api/v1/channels', t.auth)).json().channels.map((c: { id: string }) => c.id)).toEqual([
      'finance-slack',
    ]);
    expect((await get('/api/v1/budgets', t.auth)).json().budgets.map((b: { id: string }) => b.id)).toEqual([
      'org-monthly',
    ]);
  });

  it('the other org sees none of them, in lists or by id, and cannot sync or test them', async () => {
    for (const [url, key] of [
      ['/api/v1/sources', 'sources'],
      ['/api/v1/channels', 'channels'],
      ['/api/v1/budgets', 'budgets'],
    ] as const) {
      const answer = await get(url, other);
      expect(answer.statusCode).toBe(200);
      expect(answer.json()[key]).toEqual([]);
    }
    for (const url of [
      '/api/v1/sources/openai-main',
      '/api/v1/channels/finance-slack',
      '/api/v1/budgets/org-monthly',
    ]) {
      expect((await get(url, other)).statusCode).toBe(404);
    }
    const sync = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sources/openai-main/sync',
      headers: other,
    });
    expect(sync.statusCode).toBe(404);
    const test = await t.app.inject({
      method: 'POST',
      url: '/api/v1/channels/finance-slack/test',
      headers: other,
    });
    expect(test.statusCode).toBe(404);
    expect(await t.ctx.sources.listSources('org-two')).toEqual([]);
    expect(await t.ctx.alerting.listChannels('org-two')).toEqual([]);
  });

  it('runs the scheduled jobs for the other org too, on its own numbers and channels', async () => {
    const yesterday = new Date(Date.now() - 86_400_000);
    await t.ctx.usage.insertUsage([
      makeRecord({ org: t.ctx.config.org, id: 'first-1', timestamp: yesterday, costMicros: 5_000_000 }),
      makeRecord({
        org: 'org-two',
        id: 'two-1',
        team: 'otters',
        timestamp: yesterday,
        costMicros: 9_000_000,
      }),
    ]);
    await createBudget(t.ctx, operator('org-two'), {
      id: 'otters-monthly',
      name: 'Otters monthly',
      scope: { dimension: 'team', value: 'otters' },
      amount: '10',
    });
    const scheduler = await startJobs(t.ctx, () => undefined);
    await scheduler.caughtUp;
    await scheduler.stop();

    const alerts = await t.app.inject({ url: '/api/v1/alerts?event=threshold_crossed', headers: other });
    const [alert] = alerts.json().alerts;
    expect(alert.title).toBe('Budget "Otters monthly" passed 80%: $9.00 of $10.00');
    expect(alert.deliveries).toEqual([]);
    expect(slack.received.filter((r) => r.body.includes('Otters'))).toEqual([]);

    const daily = (headers: Record<string, string>) =>
      t.app
        .inject({ url: '/api/v1/reports?kind=daily', headers })
        .then((r) => r.json().reports.map((x: { total: string }) => x.total));
    expect(await daily(other)).toEqual(['9.000000']);
    expect(await daily(t.auth)).toEqual(['5.000000']);
  });
});
