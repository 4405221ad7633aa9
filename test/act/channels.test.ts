import { afterEach, describe, expect, it } from 'vitest';
import { deliver } from '../../src/act/alerts/deliver.ts';
import type { AlertEvent } from '../../src/act/alerts/event.ts';
import { receives, routeEvent } from '../../src/act/alerts/route.ts';
import { ChannelError } from '../../src/act/channels/errors.ts';
import { buildChannel, type ChannelDeps, type ChannelSpec } from '../../src/act/channels/index.ts';
import { verifySignature } from '../../src/act/channels/webhook.ts';
import { type ChannelSettings, channelSettingsSchema } from '../../src/config/alerting.ts';
import { type Answer, type Receiver, startReceiver } from '../helpers/receiver.ts';
import { type SmtpStub, startSmtp } from '../helpers/smtp.ts';

const event: AlertEvent = {
  kind: 'threshold_crossed',
  dedupeKey: 'budget:ml-monthly:80:2026-11-01',
  severity: 'medium',
  scope: { dimension: 'team', value: 'ml' },
  budgetId: 'ml-monthly',
  title: 'Budget "ML monthly" passed 80%: $412.50 of $500.00',
  text: 'Team ml has spent $412.50 of its $500.00 monthly budget <on track to overrun>.',
  facts: [
    { label: 'Spent', value: '$412.50' },
    { label: 'Budget', value: '$500.00' },
    { label: 'Projected', value: '$538.20' },
  ],
  link: '/budgets?id=ml-monthly',
  data: { spent: '412.50', amount: '500' },
};
const alert = {
  id: 'alert-1',
  createdAt: new Date('2026-11-20T10:00:00Z'),
  link: 'http://localhost:4180/budgets?id=ml-monthly',
};
const NOW = new Date('2026-11-20T10:00:05Z');

const settings = (s: Record<string, unknown>): ChannelSettings => channelSettingsSchema.parse(s);

let receiver: Receiver | null = null;
let smtp: SmtpStub | null = null;
afterEach(async () => {
  await receiver?.close();
  await smtp?.close();
  receiver = null;
  smtp = null;
});

function deps(over: Partial<ChannelDeps> = {}): ChannelDeps & { lines: string[] } {
  const lines: string[] = [];
  return {
    fetch: (...a) => fetch(...a),
    now: () => NOW,
    timeoutMs: 5_000,
    log: (l) => lines.push(l),
    smtp: { from: 'spendlens <alerts@example.com>' },
    lines,
    ...over,
  };
}

async function receive(answer?: (r: { path: string }, n: number) => Answer) {
  receiver = await startReceiver(answer);
  return receiver;
}

const spec = (
  kind: string,
  extra: Partial<ChannelSpec> = {},
  more: Record<string, unknown> = {},
): ChannelSpec => ({
  settings: settings({ id: `${kind}-1`, kind, ...more }),
  ...extra,
});

describe('Slack channel', () => {
  it('posts a Block Kit message: header, text, facts as fields, a dashboard button, and a text fallback', async () => {
    const r = await receive();
    const url = `${r.url}/services/T0/B0/XXXXsecretpartXXXXXXXXXX`;
    await buildChannel(spec('slack', { url }), deps()).send(event, alert);
    expect(r.received).toHaveLength(1);
    const got = r.received[0]!;
    expect(got.path).toBe('/services/T0/B0/XXXXsecretpartXXXXXXXXXX');
    expect(got.headers['content-type']).toBe('application/json');
    const body = JSON.parse(got.body);
    expect(body.text).toContain('$412.50');
    const types = body.blocks.map((b: { type: string }) => b.type);
    expect(types).toEqual(['header', 'section', 'section', 'actions', 'context']);
    expect(body.blocks[0].text).toEqual({ type: 'plain_text', text: event.title, emoji: false });
    expect(body.blocks[1].text.type).toBe('mrkdwn');
    expect(body.blocks[1].text.text).toContain('&lt;on track to overrun&gt;');
    expect(body.blocks[2].fields).toEqual([
      { type: 'mrkdwn', text: '*Spent*\n$412.50' },
      { type: 'mrkdwn', text: '*Budget*\n$500.00' },
      { type: 'mrkdwn', text: '*Projected*\n$538.20' },
    ]);
    expect(body.blocks[3].elements[0]).toMatchObject({ type: 'button', url: alert.link });
  });

  it('fails with the status and never the URL, even when the receiver echoes it', async () => {
    const r = await receive((req) => ({ status: 404, body: `no_service for ${req.path}` }));
    const url = `${r.url}/services/T0/B0/XXXXsecretpartXXXXXXXXXX`;
    const error = await buildChannel(spec('slack', { url }), deps())
      .send(event, alert)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChannelError);
    expect(error).toMatchObject({ status: 404, permanent: true });
    expect((error as Error).message).toMatch(/^slack: HTTP 404 no_service/);
    expect((error as Error).message).not.toContain('secretpart');
  });

  it('carries Retry-After of a 429, and says when the receiver cannot be reached', async () => {
    const r = await receive(() => ({ status: 429, headers: { 'retry-after': '7' }, body: 'rate_limited' }));
    const limited = await buildChannel(spec('slack', { url: `${r.url}/hook` }), deps())
      .send(event, alert)
      .catch((e: unknown) => e);
    expect(limited).toMatchObject({ status: 429, permanent: false, retryAfterMs: 7_000 });
    const port = new URL(r.url).port;
    await r.close();
    receiver = null;
    const down = await buildChannel(
      spec('slack', { url: `http://127.0.0.1:${port}/services/XXXXsecretpartXXXXXXXXXX` }),
      deps(),
    )
      .send(event, alert)
      .catch((e: unknown) => e);
    expect((down as Error).message).toBe('slack: the receiver could not be reached (ECONNREFUSED)');
  });
});

describe('webhook channel', () => {
  const SECRET = 'whsec-0123456789abcdef';

  it('posts the alert as JSON, signed over timestamp and body; receivers verify with the secret', async () => {
    const r = await receive();
    await buildChannel(spec('webhook', { url: `${r.url}/in`, secret: SECRET }), deps()).send(event, alert);
    const got = r.received[0]!;
    expect(JSON.parse(got.body)).toEqual({
      event: 'threshold_crossed',
      severity: 'medium',
      title: event.title,
      text: event.text,
      facts: event.facts,
      scope: { dimension: 'team', value: 'ml' },
      link: alert.link,
      data: { spent: '412.50', amount: '500' },
      alertId: 'alert-1',
      createdAt: '2026-11-20T10:00:00.000Z',
    });
    const timestamp = got.headers['x-spendlens-timestamp'] as string;
    const signature = got.headers['x-spendlens-signature'] as string;
    expect(timestamp).toBe(String(NOW.getTime() / 1000));
    expect(signature).toMatch(/^v1=[0-9a-f]{64}$/);
    const check = { body: got.body, timestamp, signature, now: NOW };
    expect(verifySignature({ ...check, secret: SECRET })).toBe(true);
    expect(verifySignature({ ...check, secret: 'whsec-wrong-secret' })).toBe(false);
    expect(verifySignature({ ...check, secret: SECRET, body: got.body.replace('412.50', '41.25') })).toBe(
      false,
    );
    expect(verifySignature({ ...check, secret: SECRET, timestamp: String(Number(timestamp) + 1) })).toBe(
      false,
    );
    const later = new Date(NOW.getTime() + 10 * 60_000);
    expect(verifySignature({ ...check, secret: SECRET, now: later })).toBe(false);
    expect(verifySignature({ ...check, secret: SECRET, signature: undefined })).toBe(false);
  });

  it('sends no signature without a secret, and keeps the secret out of errors', async () => {
    const r = await receive((req, n) => (n === 1 ? {} : { status: 500, body: `bad ${req.path}` }));
    await buildChannel(spec('webhook', { url: `${r.url}/in` }), deps()).send(event, alert);
    expect(r.received[0]!.headers['x-spendlens-signature']).toBeUndefined();
    expect(r.received[0]!.headers['x-spendlens-timestamp']).toBeDefined();
    const error = await buildChannel(
      spec('webhook', { url: `${r.url}/in/${SECRET}`, secret: SECRET }),
      deps(),
    )
      .send(event, alert)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 500, permanent: false });
    expect((error as Error).message).not.toContain(SECRET);
  });
});

describe('email channel', () => {
  it('sends over a real SMTP exchange: the title as subject, the numbers in the text and HTML parts', async () => {
    smtp = await startSmtp();
    const d = deps({ smtp: { url: smtp.url, from: 'spendlens <alerts@example.com>' } });
    await buildChannel(spec('email', {}, { to: ['lead@example.com', 'ml@example.com'] }), d).send(
      event,
      alert,
    );
    expect(smtp.mails).toHaveLength(1);
    const mail = smtp.mails[0]!;
    expect(mail.subject).toBe(event.title);
    expect(mail.from).toBe('alerts@example.com');
    expect(mail.to).toEqual(['lead@example.com', 'ml@example.com']);
    for (const n of ['$412.50', '$500.00', '$538.20']) {
      expect(mail.text).toContain(n);
      expect(mail.html).toContain(n);
    }
    expect(mail.text).toContain('Projected: $538.20');
    expect(mail.html).toContain('&lt;on track to overrun&gt;');
    expect(mail.html).toContain(`href="${alert.link}"`);
  });

  it('sends the HTML a report passes, with its own sender', async () => {
    smtp = await startSmtp();
    const d = deps({ smtp: { url: smtp.url, from: 'x <x@example.com>' } });
    const report = {
      ...event,
      kind: 'weekly_report' as const,
      html: '<h1>Week 47</h1><p>Total $1,234.56</p>',
    };
    await buildChannel(
      spec('email', {}, { to: ['a@example.com'], from: 'Reports <reports@example.com>' }),
      d,
    ).send(report, alert);
    expect(smtp.mails[0]!.from).toBe('reports@example.com');
    expect(smtp.mails[0]!.html).toContain('Total $1,234.56');
    expect(smtp.mails[0]!.text).toContain('$412.50');
  });

  it('fails permanently on a refused recipient or login, without the SMTP password', async () => {
    smtp = await startSmtp();
    const ch = (url: string, to: string) =>
      buildChannel(spec('email', {}, { to: [to] }), deps({ smtp: { url, from: 'a <a@example.com>' } }));
    const refused = await ch(smtp.url, 'nobody@reject.example')
      .send(event, alert)
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({ status: 550, permanent: true });
    const badLogin = await ch(smtp.url.replace('smtp-pass-s3cret', 'wrong-pass-s3cret'), 'a@example.com')
      .send(event, alert)
      .catch((e: unknown) => e);
    expect(badLogin).toMatchObject({ permanent: true });
    for (const e of [refused, badLogin]) expect(JSON.stringify((e as Error).message)).not.toMatch(/s3cret/);
    const none = await buildChannel(spec('email', {}, { to: ['a@example.com'] }), deps())
      .send(event, alert)
      .catch((e: unknown) => e);
    expect((none as Error).message).toMatch(/no SMTP server: set SMTP_URL/);
  });
});

describe('log channel', () => {
  it('writes one line starting "Alert triggered:" with the title and facts', async () => {
    const d = deps();
    await buildChannel(spec('log'), d).send(
      { ...event, facts: [...event.facts, { label: 'Note', value: 'a\nb' }] },
      alert,
    );
    expect(d.lines).toEqual([
      `Alert triggered: ${event.title} (Spent: $412.50, Budget: $500.00, Projected: $538.20, Note: a b) ${alert.link}`,
    ]);
  });
});

describe('routing', () => {
  const ev = (over: Partial<AlertEvent>) => ({ ...event, ...over });

  it('sends an event to enabled channels that take its kind and scope', () => {
    const all = settings({ id: 'all', kind: 'log' });
    const off = settings({ id: 'off', kind: 'log', enabled: false });
    const ml = settings({ id: 'ml', kind: 'log', scope: { dimension: 'team', value: 'ml' } });
    const web = settings({ id: 'web', kind: 'log', scope: { dimension: 'team', value: 'web' } });
    const reports = settings({ id: 'reports', kind: 'log', events: ['daily_summary', 'weekly_report'] });
    const channels = [all, off, ml, web, reports].map((s) => ({ settings: s }));
    const ids = (e: AlertEvent) => routeEvent(e, channels).map((c) => c.settings.id);
    expect(ids(event)).toEqual(['all', 'ml']);
    expect(ids(ev({ scope: null }))).toEqual(['all']);
    expect(ids(ev({ scope: { dimension: 'project', value: 'ml' } }))).toEqual(['all']);
    expect(ids(ev({ kind: 'daily_summary', scope: null }))).toEqual(['all', 'reports']);
    expect(ids(ev({ kind: 'test' }))).toEqual([]);
  });

  it('lets anomalies through at or above the channel minimum severity', () => {
    const high = settings({ id: 'h', kind: 'log' });
    const low = settings({ id: 'l', kind: 'log', minSeverity: 'low' });
    for (const kind of ['anomaly_detected', 'intraday_spike'] as const) {
      expect(receives(high, ev({ kind, severity: 'medium' }))).toBe(false);
      expect(receives(high, ev({ kind, severity: 'high' }))).toBe(true);
      expect(receives(high, ev({ kind, severity: 'critical' }))).toBe(true);
      expect(receives(low, ev({ kind, severity: 'low' }))).toBe(true);
    }
    expect(receives(high, ev({ kind: 'budget_exceeded', severity: 'low' }))).toBe(true);
  });
});

describe('deliver with retries', () => {
  const policy = { maxAttempts: 4, baseDelayMs: 1_000, maxDelayMs: 60_000 };
  const run = async (answer: (n: number) => Answer, maxAttempts = 4) => {
    const r = await receive((_, n) => answer(n));
    const waits: number[] = [];
    const seen: string[] = [];
    const d = await deliver(
      'hook',
      buildChannel(spec('webhook', { url: `${r.url}/in` }), deps()),
      { event, alert },
      { ...policy, maxAttempts },
      {
        sleep: async (ms) => void waits.push(ms),
        now: () => NOW,
        onAttempt: (x) => void seen.push(`${x.status}/${x.attempts}`),
      },
    );
    return { d, waits, seen, count: r.received.length };
  };

  it('retries a 500 with exponential backoff until the receiver takes it', async () => {
    const { d, waits, seen } = await run((n) => (n <= 2 ? { status: 500 } : {}));
    expect(d).toEqual({
      channel: 'hook',
      status: 'delivered',
      attempts: 3,
      lastAttemptAt: NOW.toISOString(),
      error: null,
    });
    expect(waits).toEqual([1_000, 2_000]);
    expect(seen).toEqual(['pending/1', 'pending/2', 'delivered/3']);
  });

  it("waits the receiver's Retry-After, stops at a permanent error, and gives up after maxAttempts", async () => {
    const limited = await run((n) => (n === 1 ? { status: 429, headers: { 'retry-after': '3' } } : {}));
    expect(limited.waits).toEqual([3_000]);
    expect(limited.d.status).toBe('delivered');
    await receiver?.close();
    const gone = await run(() => ({ status: 410, body: 'channel_is_archived' }));
    expect(gone.d).toMatchObject({
      status: 'failed',
      attempts: 1,
      error: 'webhook: HTTP 410 channel_is_archived',
    });
    expect(gone.count).toBe(1);
    await receiver?.close();
    const down = await run(() => ({ status: 503 }), 3);
    expect(down.d).toMatchObject({ status: 'failed', attempts: 3, error: 'webhook: HTTP 503 ok' });
    expect(down.waits).toEqual([1_000, 2_000]);
  });
});
