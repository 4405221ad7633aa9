import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifySignature } from '../../src/act/channels/webhook.ts';
import { setAlertDeps } from '../../src/app/alerts/deps.ts';
import { raiseAlert } from '../../src/app/alerts/raise.ts';
import { openContext } from '../../src/app/open.ts';
import { loadConfig } from '../../src/config/load.ts';
import { cli } from '../helpers/cli.ts';
import { startReceiver } from '../helpers/receiver.ts';

const TOKEN = 'HOOKTOKENplaintext0123456789';
const SECRET = 'whsec-PLAINTEXT-cli-secret';

const TOML = `
[[channels]]
id = "hook"
kind = "webhook"
url_env = "CLI_HOOK_URL"
secret_env = "CLI_HOOK_SECRET"

[[channels]]
id = "broken"
kind = "webhook"
url_env = "CLI_BROKEN_URL"
events = ["budget_exceeded"]
`;

describe('spendlens alerts and channels', async () => {
  const ok = await startReceiver();
  const broken = await startReceiver(() => ({ status: 500, body: 'receiver exploded' }));
  afterAll(async () => {
    await ok.close();
    await broken.close();
  });
  const cwd = mkdtempSync(join(tmpdir(), 'spendlens-alerts-cli-'));
  writeFileSync(join(cwd, 'spendlens.toml'), TOML);
  const env = {
    CLI_HOOK_URL: `${ok.url}/in/${TOKEN}`,
    CLI_HOOK_SECRET: SECRET,
    CLI_BROKEN_URL: `${broken.url}/in/${TOKEN}`,
  };

  it('sends a test message, and exits 1 with the receiver error when it fails', async () => {
    const sent = await cli(['alerts', 'test', 'hook'], { cwd, env });
    expect(sent).toMatchObject({ code: 0, stdout: 'hook: test message delivered\n' });
    const got = ok.received[0]!;
    expect(JSON.parse(got.body)).toMatchObject({ event: 'test', title: 'spendlens test alert' });
    const signed = {
      body: got.body,
      timestamp: got.headers['x-spendlens-timestamp'] as string,
      signature: got.headers['x-spendlens-signature'] as string,
    };
    expect(verifySignature({ ...signed, secret: SECRET })).toBe(true);

    const failed = await cli(['alerts', 'test', 'broken'], { cwd, env });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('spendlens: broken: webhook: HTTP 500 receiver exploded');
    expect(failed.stderr + failed.stdout).not.toContain(TOKEN);
  });

  it('lists channels and the alert history with delivery status', async () => {
    const ctx = await openContext(
      loadConfig({ dataDir: join(cwd, 'data'), config: join(cwd, 'spendlens.toml') }, env),
    );
    setAlertDeps(ctx, { sleep: async () => undefined, log: () => undefined });
    await raiseAlert(ctx, {
      kind: 'budget_exceeded',
      dedupeKey: 'budget:org:exceeded:2026-11',
      severity: 'high',
      scope: null,
      title: 'Budget "Org monthly" exceeded: $1,020.00 of $1,000.00',
      text: 'Over budget.',
      facts: [{ label: 'Spent', value: '$1,020.00' }],
      link: '/budgets?id=org',
    });
    await ctx.store.close();

    const channels = await cli(['channels'], { cwd, env });
    expect(channels.code).toBe(0);
    expect(channels.stdout).toMatch(/hook\s+│ webhook │ config │ http:\/\/127\.0\.0\.1:\d+\/…\/6789\s+│ all/);
    expect(channels.stdout).toMatch(
      /broken\s+│ webhook │ config │ http:\/\/127\.0\.0\.1:\d+\/…\/6789\s+│ budget_exceeded\s+│ all\s+│ yes/,
    );

    const history = await cli(['alerts'], { cwd, env });
    expect(history.code).toBe(0);
    expect(history.stdout).toContain('Budget "Org monthly" exceeded');
    expect(history.stdout).toContain('broken: failed after 4');
    expect(history.stdout).toContain('hook: delivered');
    expect(history.stdout).toContain('Failed deliveries:');
    for (const out of [channels.stdout, history.stdout]) {
      expect(out).not.toContain(TOKEN);
      expect(out).not.toContain('PLAINTEXT');
    }
  });
});
