import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { openDuckDb } from '../../src/store/duckdb/connection.ts';
import { openDuckDbStore } from '../../src/store/duckdb/store.ts';
import { migrations } from '../../src/store/sql/schema.ts';
import { makeRecord } from '../helpers/records.ts';
import { runAlertingContract } from './alerting-contract.ts';
import { runStoreContract } from './contract.ts';
import { runDetectionContract } from './detection-contract.ts';
import { runIdentityContract } from './identity-contract.ts';
import { runSourcesContract } from './sources-contract.ts';

const tempFile = () => join(mkdtempSync(join(tmpdir(), 'spendlens-duck-')), 'ledger.duckdb');

runStoreContract('duckdb', () => openDuckDbStore(tempFile()));
runSourcesContract('duckdb', () => openDuckDbStore(tempFile()));
runDetectionContract('duckdb', () => openDuckDbStore(tempFile()));
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

  it('widens the rollup sums of a ledger made before 128-bit sums, keeping them', async () => {
    const path = tempFile();
    const old = await openDuckDbStore(path);
    await old.migrate();
    await old.insertUsage([makeRecord({ id: 'kept', timestamp: new Date('2026-11-02T10:00:00Z') })]);
    await old.close();
    // Back to the version-5 schema: the rollup sums as BIGINT, and migration 6 not yet applied.
    const instance = await DuckDBInstance.create(path);
    const conn = await instance.connect();
    for (const c of ['cost_micros', 'input_tokens', 'requests', 'records'])
      await conn.run(`ALTER TABLE usage_hourly ALTER ${c} TYPE BIGINT`);
    await conn.run('DELETE FROM schema_migrations WHERE version >= 6');
    conn.closeSync();
    instance.closeSync();
    const store = await openDuckDbStore(path);
    await store.migrate();
    const hour = { from: new Date('2026-11-02T00:00:00Z'), to: new Date('2026-11-03T00:00:00Z') };
    expect(await store.spend({ org: 'acme', groupBy: [], ...hour })).toMatchObject([
      { costMicros: 4_500n, inputTokens: 1_000n, requests: 1n },
    ]);
    await store.close();
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

describe('duckdb close while work is in flight', () => {
  it('lets a read under way finish before closing, then refuses new work with a clear error', async () => {
    const db = await openDuckDb(tempFile());
    // A read that takes a while: closing the connection under it crashed the process (SIGSEGV).
    const reading = db.rows(db.reader, 'SELECT count(*) AS n FROM range(30000000) t(i) WHERE i % 7 = 0');
    const queued = db.exclusive(() => db.rows(db.writer, 'SELECT 42 AS answer'));
    const closed = db.close();
    expect(await reading).toEqual([{ n: 4_285_715 }]);
    expect(await queued).toEqual([{ answer: 42 }]);
    await closed;
    await expect(db.rows(db.reader, 'SELECT 1')).rejects.toThrow('the store is closed');
    await expect(db.exclusive(async () => 1)).rejects.toThrow('the store is closed');
    await db.close();
  });
});
