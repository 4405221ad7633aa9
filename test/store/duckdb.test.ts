import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { openDuckDbStore } from '../../src/store/duckdb/store.ts';
import { migrations } from '../../src/store/sql/schema.ts';
import { makeRecord } from '../helpers/records.ts';
import { runAlertingContract } from './alerting-contract.ts';
import { runStoreContract } from './contract.ts';
import { runIdentityContract } from './identity-contract.ts';
import { runSourcesContract } from './sources-contract.ts';

const tempFile = () => join(mkdtempSync(join(tmpdir(), 'spendlens-duck-')), 'ledger.duckdb');

runStoreContract('duckdb', () => openDuckDbStore(tempFile()));
runSourcesContract('duckdb', () => openDuckDbStore(tempFile()));
runIdentityContract('duckdb', () => openDuckDbStore(tempFile()));
runAlertingContract(
  'duckdb',
  () => openDuckDbStore(tempFile()),
  async () => {
    const path = tempFile();
    return { open: () => openDuckDbStore(path), dispose: async () => undefined };
  },
);

describe('duckdb file', () => {
  it('keeps records across a reopen', async () => {
    const path = tempFile();
    const first = await openDuckDbStore(path);
    await first.migrate();
    await first.insertUsage([makeRecord({ id: 'kept' })]);
    await first.close();
    const second = await openDuckDbStore(path);
    await second.migrate();
    expect(await second.countUsage('acme')).toBe(1);
    await second.close();
  });

  it("turns the ledger's admin tokens into owner-level tokens when it migrates to scoped tokens", async () => {
    const path = tempFile();
    const instance = await DuckDBInstance.create(path);
    const conn = await instance.connect();
    await conn.run('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ)');
    const before = migrations({ json: 'JSON', keyedRollup: false }).slice(0, 4);
    for (const [i, statements] of before.entries()) {
      for (const sql of statements) await conn.run(sql);
      await conn.run(`INSERT INTO schema_migrations VALUES (${i + 1}, now())`);
    }
    await conn.run("INSERT INTO api_tokens VALUES ('f00dfeed0123456789', 'acme', 'admin', now())");
    conn.closeSync();
    instance.closeSync();
    const store = await openDuckDbStore(path);
    await store.migrate();
    expect(await store.findToken('f00dfeed0123456789')).toEqual({ org: 'acme', label: 'admin' });
    expect(await store.getTokenByHash('f00dfeed0123456789')).toMatchObject({
      id: 'tok_f00dfeed0123',
      scopes: ['ingest', 'read', 'admin'],
      team: null,
    });
    expect(await store.getOrg('acme')).toMatchObject({ id: 'acme' });
    await store.close();
  });
});
