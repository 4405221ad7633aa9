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

  it('narrows the rollup to 64-bit rows, splitting a row past 2^63 into rows with the same totals', async () => {
    const path = tempFile();
    const old = await openDuckDbStore(path);
    await old.migrate();
    await old.close();
    // Back to the version-10 schema: 128-bit sums, with one hour past 2^63 and one ordinary hour.
    const instance = await DuckDBInstance.create(path);
    const conn = await instance.connect();
    for (const c of [
      'cost_micros',
      'unpriced_requests',
      'input_tokens',
      'output_tokens',
      'cache_read_tokens',
    ])
      await conn.run(`ALTER TABLE usage_hourly ALTER ${c} TYPE HUGEINT`);
    for (const c of ['cache_write_tokens', 'reasoning_tokens', 'requests', 'records'])
      await conn.run(`ALTER TABLE usage_hourly ALTER ${c} TYPE HUGEINT`);
    const row = (hour: string, cost: bigint, records: number) =>
      `('acme', TIMESTAMPTZ '${hour}', 'openai', 'chat', 'gpt-4o', '', '', '', '', 'api', 'billed', 'USD', ${cost}, 0, ${cost}, 7, 0, 0, 0, ${records}, ${records})`;
    const wide = 2n ** 70n + 5n;
    const negative = -(2n ** 64n) - 3n;
    await conn.run(
      `INSERT INTO usage_hourly VALUES ${row('2026-11-02 10:00:00+00', wide, 3)}, ${row('2026-11-02 11:00:00+00', 4_500n, 1)}, ${row('2026-11-02 12:00:00+00', negative, 2)}`,
    );
    await conn.run('DELETE FROM schema_migrations WHERE version >= 11');
    conn.closeSync();
    instance.closeSync();
    const store = await openDuckDbStore(path);
    await store.migrate();
    const day = { from: new Date('2026-11-02T00:00:00Z'), to: new Date('2026-11-03T00:00:00Z') };
    const hours = await store.spend({ org: 'acme', groupBy: [], bucket: 'hour', ...day });
    const byHour = hours.map((h) => [h.bucket?.toISOString(), h.costMicros, h.inputTokens, h.requests]);
    expect(byHour.sort((a, b) => String(a[0]).localeCompare(String(b[0])))).toEqual([
      ['2026-11-02T10:00:00.000Z', wide, wide, 3n],
      ['2026-11-02T11:00:00.000Z', 4_500n, 4_500n, 1n],
      ['2026-11-02T12:00:00.000Z', negative, negative, 2n],
    ]);
    await store.close();
    const check = await DuckDBInstance.create(path);
    const c2 = await check.connect();
    const types = await c2.runAndReadAll(
      "SELECT DISTINCT data_type FROM information_schema.columns WHERE table_name = 'usage_hourly' AND column_name IN ('cost_micros', 'records')",
    );
    expect(types.getRows()).toEqual([['BIGINT']]);
    const rows = await c2.runAndReadAll('SELECT COUNT(*) FROM usage_hourly');
    // 2^70 splits into 257 rows of at most 2^62, -2^64 into 5; the ordinary hour stays one row.
    expect(rows.getRows()).toEqual([[263n]]);
    c2.closeSync();
    check.closeSync();
  });

  it('compacts rollup partials into one row per key, keeping apart a key whose sum passes 2^63', async () => {
    const path = tempFile();
    const store = await openDuckDbStore(path);
    await store.migrate();
    const at = new Date('2026-11-02T10:00:00Z');
    const max = Number.MAX_SAFE_INTEGER;
    const wide = (i: number) =>
      makeRecord({ org: 'c', id: `w${i}`, timestamp: at, model: 'wide', inputTokens: max, costMicros: max });
    const small = (i: number) =>
      makeRecord({ org: 'c', id: `s${i}`, timestamp: at, model: 'small', costMicros: 10 });
    // Many small writes: each appends its own partial rows.
    for (let i = 0; i < 1_100; i += 100)
      await store.insertUsage(Array.from({ length: 100 }, (_, j) => wide(i + j)));
    for (let i = 0; i < 5; i++) await store.insertUsage([small(i)]);
    await store.voidUsage('c', ['s0'], false);
    await store.close();
    const db = await openDuckDb(path);
    // A lone row summing to no records (as a key emptied by re-pricing ends) is dropped too.
    await db.writer.run(
      `INSERT INTO usage_hourly SELECT * REPLACE ('gone' AS model, 0 AS cost_micros, 0 AS input_tokens, 0 AS requests, 0 AS records)
       FROM usage_hourly WHERE model = 'small' LIMIT 1`,
    );
    const { compactRollup } = await import('../../src/store/duckdb/write.ts');
    await compactRollup(db, new Date('2026-11-01T00:00:00Z'));
    const rows = await db.rows(
      db.reader,
      'SELECT model, COUNT(*) AS n FROM usage_hourly GROUP BY model ORDER BY model',
    );
    expect(rows).toEqual([
      { model: 'small', n: 1 },
      { model: 'wide', n: 11 },
    ]);
    await db.close();
    const reopened = await openDuckDbStore(path);
    await reopened.migrate();
    const totals = await reopened.spend({
      org: 'c',
      groupBy: ['model'],
      from: new Date('2026-11-02T00:00:00Z'),
      to: new Date('2026-11-03T00:00:00Z'),
    });
    const byModel = totals.map((t) => [t.dims.model, t.costMicros, t.inputTokens, t.requests]);
    expect(byModel.sort((a, b) => String(a[0]).localeCompare(String(b[0])))).toEqual([
      ['small', 40n, 4_000n, 4n],
      ['wide', 1_100n * BigInt(max), 1_100n * BigInt(max), 1_100n],
    ]);
    await reopened.close();
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
