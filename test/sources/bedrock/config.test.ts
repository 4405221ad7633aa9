import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load.ts';

const toml = (body: string) => {
  const path = join(mkdtempSync(join(tmpdir(), 'spendlens-bedrock-')), 'spendlens.toml');
  writeFileSync(path, body);
  return path;
};

describe('bedrock in spendlens.toml', () => {
  it('takes the access key id from the file and the secret from the environment variable it names', () => {
    const config = toml(
      '[[sources]]\nid = "bedrock"\nkind = "bedrock"\nkey_env = "AWS_SECRET_ACCESS_KEY"\naccess_key_id = "AKIAIOSFODNN7EXAMPLE"\n',
    );
    const loaded = loadConfig(
      { config },
      { AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
    );
    expect(loaded.sources[0]).toMatchObject({
      kind: 'bedrock',
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      keyEnv: 'AWS_SECRET_ACCESS_KEY',
      key: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    });
  });

  it('refuses an access key id that is not one, naming the setting', () => {
    const config = toml(
      '[[sources]]\nid = "bedrock"\nkind = "bedrock"\nkey_env = "AWS_SECRET_ACCESS_KEY"\naccess_key_id = "my key"\n',
    );
    expect(() => loadConfig({ config }, { AWS_SECRET_ACCESS_KEY: 'x' })).toThrow(
      /access_key_id.*AWS access key id/,
    );
  });
});
