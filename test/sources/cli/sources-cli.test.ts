import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../../helpers/cli.ts';

describe('spendlens sources and keys rotate', () => {
  it('lists config sources with their key variable, and rotates the master key', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'spendlens-cli-src-'));
    writeFileSync(
      join(cwd, 'spendlens.toml'),
      '[[sources]]\nid = "openai-prod"\nkind = "openai"\nkey_env = "OPENAI_ADMIN_KEY"\nbase_url = "http://127.0.0.1:9/v1"\n',
    );
    const env = { OPENAI_ADMIN_KEY: 'sk-admin-cli-SECRETVALUE' };
    const json = await cli(['sources', '--json'], { cwd, env });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual([
      expect.objectContaining({
        id: 'openai-prod',
        kind: 'openai',
        origin: 'config',
        keyHint: '$OPENAI_ADMIN_KEY',
        status: 'pending',
      }),
    ]);
    const table = await cli(['sources'], { cwd, env });
    expect(table.stdout).toMatch(/openai-prod.*openai.*\$OPENAI_ADMIN_KEY.*pending.*never/);
    expect(json.stdout + table.stdout).not.toContain('SECRETVALUE');
    const rotated = await cli(['keys', 'rotate'], { cwd, env });
    expect(rotated.stdout).toMatch(/re-encrypted 0 source key\(s\) under master key [0-9a-f]{12}/);
  });
});
