import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SubscriptionView } from '../../src/app/subscriptions/view.ts';
import type { AddedSubscription } from '../../src/present/cli/commands/subscriptions.ts';
import { cli } from '../helpers/cli.ts';

describe('spendlens subscriptions', { timeout: 240_000 }, () => {
  const cwd = mkdtempSync(join(tmpdir(), 'spendlens-subscriptions-'));
  // A team's seats from spendlens.toml, with TOML dates as TOML writes them (unquoted).
  writeFileSync(
    join(cwd, 'spendlens.toml'),
    [
      '[[subscriptions]]',
      'id = "copilot-ml"',
      'vendor = "copilot"',
      'plan = "Business"',
      'amount = "19"',
      'team = "ml"',
      'seats = 12',
      'start_date = 2026-02-01',
      'end_date = 2026-02-28',
    ].join('\n'),
  );
  const run = (args: string[]) => cli(['subscriptions', ...args], { cwd });

  it('adds a seat, lists it beside the file’s, spreads its days once, and removes it', async () => {
    const added = await run([
      'add',
      'cursor-ana',
      '--vendor',
      'cursor',
      '--plan',
      'Pro',
      '--amount',
      '20',
      '--user',
      'ana@acme.test',
      '--start',
      '2026-01-01',
      '--end',
      '2026-01-31',
    ]);
    expect(added.stderr).toBe('');
    expect(added.stdout).toMatchInlineSnapshot(`
      "┌──────────────┬────────┬──────┬───────────────┬───────┬───────────┬────────────┬────────────┐
      │ Subscription │ Vendor │ Plan │ For           │ Seats │ Per month │ From       │ Until      │
      ├──────────────┼────────┼──────┼───────────────┼───────┼───────────┼────────────┼────────────┤
      │ cursor-ana   │ cursor │ Pro  │ ana@acme.test │       │    $20.00 │ 2026-01-01 │ 2026-01-31 │
      └──────────────┴────────┴──────┴───────────────┴───────┴───────────┴────────────┴────────────┘
      cursor-ana: 31 days written to the ledger (source "subscriptions", service "seat").
      "
    `);

    const list = await run([]);
    expect(list.stdout).toMatchInlineSnapshot(`
      "┌─────────────────────┬─────────┬──────────┬───────────────┬───────┬───────────┬────────────┬────────────┐
      │ Subscription        │ Vendor  │ Plan     │ For           │ Seats │ Per month │ From       │ Until      │
      ├─────────────────────┼─────────┼──────────┼───────────────┼───────┼───────────┼────────────┼────────────┤
      │ copilot-ml (config) │ copilot │ Business │ team ml       │    12 │   $228.00 │ 2026-02-01 │ 2026-02-28 │
      ├─────────────────────┼─────────┼──────────┼───────────────┼───────┼───────────┼────────────┼────────────┤
      │ cursor-ana          │ cursor  │ Pro      │ ana@acme.test │       │    $20.00 │ 2026-01-01 │ 2026-01-31 │
      └─────────────────────┴─────────┴──────────┴───────────────┴───────┴───────────┴────────────┴────────────┘
      "
    `);
    const json = JSON.parse((await run(['--json'])).stdout) as SubscriptionView[];
    expect(json.map((s) => [s.id, s.origin, s.monthlyTotal, s.startDate, s.endDate])).toEqual([
      ['copilot-ml', 'config', '228.000000', '2026-02-01', '2026-02-28'],
      ['cursor-ana', 'api', '20.000000', '2026-01-01', '2026-01-31'],
    ]);

    // The file's subscription lands with a spread (serve runs one every hour); a second adds nothing.
    expect((await run(['spread'])).stdout).toBe('28 day records written, 0 removed.\n');
    expect((await run(['spread'])).stdout).toBe('0 day records written, 0 removed.\n');
    // January's seat and February's 12 seats, each month exactly.
    const report = await cli(
      ['report', '--since', '2026-01-01', '--until', '2026-02-28', '--group', 'source', '--json'],
      { cwd },
    );
    expect(report.stdout).toContain('248.00');

    const removed = await run(['remove', 'cursor-ana']);
    expect(removed.stdout).toBe('cursor-ana: removed, with its days in the ledger.\n');
    const left = JSON.parse((await run(['--json'])).stdout) as SubscriptionView[];
    expect(left.map((s) => s.id)).toEqual(['copilot-ml']);
  });

  it('refuses a negative fee naming the field, and a config subscription cannot be removed here', async () => {
    const negative = await run([
      'add',
      'x',
      '--vendor',
      'claude',
      '--plan',
      'Max',
      '--amount',
      '-100',
      '--user',
      'bo',
      '--start',
      '2026-01-01',
      '--json',
    ]);
    expect(negative.code).not.toBe(0);
    expect(negative.stderr).toContain('amount: must not be negative');
    const config = await run(['remove', 'copilot-ml']);
    expect(config.code).not.toBe(0);
    expect(config.stderr).toContain(
      'subscription "copilot-ml" is managed by spendlens.toml: remove it there',
    );
    const added = JSON.parse(
      (
        await run([
          'add',
          'max-bo',
          '--vendor',
          'claude',
          '--plan',
          'Max 5x',
          '--amount',
          '100',
          '--user',
          'bo',
          '--start',
          '2026-02-01',
          '--end',
          '2026-02-28',
          '--json',
        ])
      ).stdout,
    ) as AddedSubscription;
    expect(added).toMatchObject({ id: 'max-bo', ledgerUser: 'bo', spread: { written: 28, removed: 0 } });
  });
});
