import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifySignature } from '../../src/act/channels/webhook.ts';
import { setAlertDeps } from '../../src/app/alerts/deps.ts';
import { startJobs } from '../../src/app/jobs.ts';
import { startTestApp, type TestApp, testEngines } from '../helpers/app.ts';
import { type Receiver, startReceiver } from '../helpers/receiver.ts';
import { makeRecord } from '../helpers/records.ts';
import { type SmtpStub, startSmtp } from '../helpers/smtp.ts';

const SECRET = 'whsec-e2e-signing-secret';

/**
 * The whole path a team lead relies on, with nothing called by hand: a budget and channels in
 * spendlens.toml, spend that crosses 80%, the scheduled evaluation job, the team's signed webhook and
 * the finance mailbox (a real SMTP exchange) hear about it once; another team's channel does not; a
 * restart does not repeat it; crossing 100% later alerts again.
 */
describe.each(await testEngines('the alerting end to end test'))('alerting end to end (%s)', (engine) => {
  let t: TestApp;
  let mlHook: Receiver;
  let webHook: Receiver;
  let smtp: SmtpStub;
  let now = new Date('2026-11-20T12:00:00Z');

  beforeAll(async () => {
    mlHook = await startReceiver();
    webHook = await startReceiver();
    smtp = await startSmtp();
    const dir = join((await import('node:os')).tmpdir(), `spendlens-e2e-${process.pid}-${engine}`);
    (await import('node:fs')).mkdirSync(dir, { recursive: true });
    const config = join(dir, 'spendlens.toml');
    writeFileSync(
      config,
      `
[[budgets]]
id = "ml-monthly"
name = "ML monthly"
scope = { dimension = "team", value = "ml" }
amount = "100"

[[channels]]
id = "ml-hook"
kind = "webhook"
url_env = "ML_HOOK_URL"
secret_env = "ML_HOOK_SECRET"
scope = { dimension = "team", value = "ml" }

[[channels]]
id = "web-hook"
kind = "webhook"
url_env = "WEB_HOOK_URL"
scope = { dimension = "team", value = "web" }

[[channels]]
id = "finance"
kind = "email"
to = ["finance@example.com"]
events = ["threshold_crossed", "budget_exceeded"]
`,
    );
    t = await startTestApp(
      {
        SPENDLENS_CONFIG: config,
        ML_HOOK_URL: `${mlHook.url}/hooks/ml`,
        ML_HOOK_SECRET: SECRET,
        WEB_HOOK_URL: `${webHook.url}/hooks/web`,
        SMTP_URL: smtp.url,
      },
      () => now,
      engine,
    );
    setAlertDeps(t.ctx, { sleep: async () => undefined, log: () => undefined });
  });
  afterAll(async () => {
    await t?.close();
    await Promise.all([mlHook?.close(), webHook?.close(), smtp?.close()]);
  });

  /** A start of spendlens: the scheduler comes up and runs what fell due (here, the evaluation). */
  const restart = async () => {
    const scheduler = await startJobs(t.ctx, () => undefined);
    await scheduler.caughtUp;
    await scheduler.stop();
  };
  const spend = (id: string, day: number, dollars: number, team = 'ml') =>
    makeRecord({
      org: t.ctx.config.org,
      id,
      team,
      timestamp: new Date(Date.UTC(2026, 10, day, 9)),
      costMicros: dollars * 1_000_000,
      costKind: 'billed',
    });

  it('tells the team channel and finance once at 80%, and not the other team', async () => {
    await t.ctx.usage.insertUsage([spend('a', 3, 40), spend('b', 10, 45), spend('w', 10, 500, 'web')]);
    await restart();

    const threshold = mlHook.received
      .map((r) => JSON.parse(r.body))
      .filter((b) => b.event === 'threshold_crossed');
    expect(threshold).toHaveLength(1);
    expect(threshold[0].title).toBe('Budget "ML monthly" passed 80%: $85.00 of $100.00');
    const signed = mlHook.received[0]!;
    expect(
      verifySignature({
        secret: SECRET,
        body: signed.body,
        timestamp: signed.headers['x-spendlens-timestamp'] as string,
        signature: signed.headers['x-spendlens-signature'] as string,
        now,
      }),
    ).toBe(true);
    expect(webHook.received.filter((r) => r.body.includes('ML monthly'))).toHaveLength(0);
    const mail = smtp.mails.filter((m) => m.subject.includes('ML monthly'));
    expect(mail.map((m) => m.subject)).toEqual(['Budget "ML monthly" passed 80%: $85.00 of $100.00']);
    expect(mail[0]!.text).toContain('$85.00');

    const history = await t.app.inject({ url: '/api/v1/alerts?event=threshold_crossed', headers: t.auth });
    const [alert] = history.json().alerts;
    expect(
      alert.deliveries.map((d: { channel: string; status: string }) => [d.channel, d.status]).sort(),
    ).toEqual([
      ['finance', 'delivered'],
      ['ml-hook', 'delivered'],
    ]);
  });

  it('does not repeat the alert after a restart in the same period', async () => {
    const before = mlHook.received.length;
    now = new Date('2026-11-20T12:10:00Z');
    await restart();
    expect(mlHook.received.slice(before).filter((r) => r.body.includes('"threshold_crossed"'))).toHaveLength(
      0,
    );
  });

  it('alerts again when the budget is exceeded', async () => {
    await t.ctx.usage.insertUsage([spend('c', 20, 20)]);
    now = new Date('2026-11-20T12:20:00Z');
    await restart();
    const exceeded = mlHook.received
      .map((r) => JSON.parse(r.body))
      .filter((b) => b.event === 'budget_exceeded');
    expect(exceeded.map((b) => b.title)).toEqual(['Budget "ML monthly" exceeded: $105.00 of $100.00']);
    expect(smtp.mails.filter((m) => m.subject.includes('exceeded'))).toHaveLength(1);
  });

  it('sends at the next start what a crash cut short, to the channels still waiting only', async () => {
    now = new Date('2026-11-20T13:00:00Z');
    await t.ctx.alerting.insertAlert({
      org: t.ctx.config.org,
      id: 'cut-short',
      dedupeKey: 'cut-short-by-a-crash',
      event: 'projected_to_exceed',
      severity: 'medium',
      scopeDimension: 'team',
      scopeValue: 'ml',
      budgetId: 'ml-monthly',
      title: 'Budget "ML monthly" is projected to pass $100.00 on 25 Nov',
      payload: {
        text: 'At this pace team ml passes its budget on 25 Nov.',
        facts: [],
        link: '/budgets?id=ml-monthly',
      },
      deliveries: [
        {
          channel: 'finance',
          status: 'delivered',
          attempts: 1,
          lastAttemptAt: '2026-11-20T12:50:00Z',
          error: null,
        },
        { channel: 'ml-hook', status: 'pending', attempts: 0, lastAttemptAt: null, error: null },
      ],
      createdAt: new Date('2026-11-20T12:50:00Z'),
    });
    const mails = smtp.mails.length;
    await restart();
    const resent = mlHook.received.map((r) => JSON.parse(r.body)).filter((b) => b.alertId === 'cut-short');
    expect(resent.map((b) => b.title)).toEqual([
      'Budget "ML monthly" is projected to pass $100.00 on 25 Nov',
    ]);
    expect(smtp.mails.length).toBe(mails);
    const stored = await t.ctx.alerting.getAlert(t.ctx.config.org, 'cut-short');
    expect(stored?.deliveries.map((d) => [d.channel, d.status])).toEqual([
      ['finance', 'delivered'],
      ['ml-hook', 'delivered'],
    ]);
    await restart();
    expect(mlHook.received.filter((r) => r.body.includes('cut-short'))).toHaveLength(1);
  });
});
