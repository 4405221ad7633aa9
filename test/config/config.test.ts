import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import { cli } from '../helpers/cli.ts';

function tomlFile(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'spendlens-toml-')), 'spendlens.toml');
  writeFileSync(file, text);
  return file;
}

describe('configuration', () => {
  it('layers defaults < spendlens.toml < environment < flags', () => {
    const file = tomlFile(
      'currency = "EUR"\ntimezone = "Europe/Berlin"\n[server]\nport = 5000\n[rates]\nUSD = "0.92"\n',
    );
    const fromFile = loadConfig({ config: file }, {});
    expect(fromFile).toMatchObject({
      currency: 'EUR',
      timezone: 'Europe/Berlin',
      server: { port: 5000 },
      rates: { USD: '0.92' },
    });
    expect(fromFile.storage.dataDir).toBe('./data');
    const fromEnv = loadConfig({ config: file }, { SPENDLENS_PORT: '6000', SPENDLENS_DATA_DIR: '/tmp/x' });
    expect(fromEnv.server.port).toBe(6000);
    expect(fromEnv.storage.dataDir).toBe('/tmp/x');
    expect(loadConfig({ config: file, port: 7000 }, { SPENDLENS_PORT: '6000' }).server.port).toBe(7000);
  });

  it('names the key and the fix for a bad value', () => {
    const file = tomlFile('currency = "DOLLARS"\n[server]\nprot = 1\n[rates]\nEUR = "-1"\n');
    const message = (() => {
      try {
        loadConfig({ config: file }, { DATABASE_URL: 'mysql://x' });
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message).toContain('currency (SPENDLENS_CURRENCY): must be an ISO 4217 currency code');
    expect(message).toContain('rates.EUR: must be a positive decimal');
    expect(message).toContain('server: unknown key(s) prot: remove or fix the spelling');
    expect(message).toContain('storage.database_url (DATABASE_URL): must be a postgres:// URL');
  });

  it('says when the config file is missing or not TOML', () => {
    expect(() => loadConfig({ config: '/nope/spendlens.toml' }, {})).toThrow(/does not exist/);
    expect(() => loadConfig({ config: tomlFile('currency = ') }, {})).toThrow(/is not valid TOML/);
  });

  it('stops `serve` with the message instead of starting', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'spendlens-bad-'));
    writeFileSync(
      join(cwd, 'spendlens.toml'),
      '[[prices]]\nprovider = "openai"\nmodel = "gpt-x"\neffective_from = "2026-01-01"\ninput = "cheap"\noutput = 1\n',
    );
    const res = await cli(['serve', '--port', '0'], { cwd });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('prices[0].input: must be a non-negative decimal price');
    const env = await cli(['serve'], {
      cwd: mkdtempSync(join(tmpdir(), 'spendlens-bad-')),
      env: { SPENDLENS_PORT: 'eighty' },
    });
    expect(env.code).toBe(1);
    expect(env.stderr).toContain('server.port (SPENDLENS_PORT or --port)');
  });
});
