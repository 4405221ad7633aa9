import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';

function tomlFile(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'spendlens-toml-')), 'spendlens.toml');
  writeFileSync(file, text);
  return file;
}

const failure = (text: string) => {
  try {
    loadConfig({ config: tomlFile(text) }, {});
  } catch (error) {
    return (error as Error).message;
  }
  return 'no error';
};

describe('[[subscriptions]] in spendlens.toml', () => {
  it('reads seats with snake_case dates, quoted or as TOML dates, and none by default', () => {
    const config = loadConfig(
      {
        config: tomlFile(
          [
            '[[subscriptions]]',
            'id = "max-ana"',
            'vendor = "claude"',
            'plan = "Max 5x"',
            'amount = 100',
            'user = "ana@acme.test"',
            'start_date = 2026-02-01',
            '',
            '[[subscriptions]]',
            'id = "copilot-ml"',
            'vendor = "copilot"',
            'plan = "Business"',
            'amount = "19"',
            'team = "ml"',
            'seats = 12',
            'start_date = "2026-01-01"',
            'end_date = "2026-06-30"',
          ].join('\n'),
        ),
      },
      {},
    );
    expect(config.subscriptions).toEqual([
      {
        id: 'max-ana',
        vendor: 'claude',
        plan: 'Max 5x',
        amount: '100',
        user: 'ana@acme.test',
        startDate: '2026-02-01',
      },
      {
        id: 'copilot-ml',
        vendor: 'copilot',
        plan: 'Business',
        amount: '19',
        team: 'ml',
        seats: 12,
        startDate: '2026-01-01',
        endDate: '2026-06-30',
      },
    ]);
    expect(loadConfig({ config: tomlFile('currency = "USD"\n') }, {}).subscriptions).toEqual([]);
  });

  it('names the key of a negative amount, a missing holder and an unknown vendor', () => {
    const message = failure(
      [
        '[[subscriptions]]',
        'id = "x"',
        'vendor = "windsurf"',
        'plan = "Pro"',
        'amount = "-5"',
        'start_date = "2026-01-01"',
      ].join('\n'),
    );
    expect(message).toContain('subscriptions.0.amount');
    expect(message).toContain('must not be negative');
    expect(message).toContain('subscriptions.0.vendor');
    const holder = failure(
      [
        '[[subscriptions]]',
        'id = "x"',
        'vendor = "cursor"',
        'plan = "Pro"',
        'amount = "20"',
        'start_date = "2026-02-30"',
      ].join('\n'),
    );
    expect(holder).toContain('subscriptions.0.start_date: is not a calendar date');
    const nobody = failure(
      [
        '[[subscriptions]]',
        'id = "x"',
        'vendor = "cursor"',
        'plan = "Pro"',
        'amount = "20"',
        'start_date = "2026-02-01"',
      ].join('\n'),
    );
    expect(nobody).toContain('subscriptions.0.user: assign it to one user or to one team');
  });
});
