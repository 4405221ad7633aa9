import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../src/store/postgres/store.ts';
import type { Store } from '../../src/store/types.ts';
import { dropSchema, freshSchema, postgresReachable, TEST_DATABASE_URL } from '../helpers/postgres.ts';
import { makeRecord } from '../helpers/records.ts';
import { runAlertingContract } from './alerting-contract.ts';
import { runStoreContract } from './contract.ts';
import { runDetectionContract } from './detection-contract.ts';
import { runIdentityContract } from './identity-contract.ts';
import { runSourcesContract } from './sources-contract.ts';

const url = TEST_DATABASE_URL;

/** A store in a schema of its own, which close() drops. */
async function openFresh(): Promise<Store | null> {
  if (!(await postgresReachable('the postgres store contract'))) return null;
  const schema = freshSchema();
  const store = await openPostgresStore({ url, schema });
  return {
    ...store,
    async close() {
      await store.close();
      await dropSchema(schema);
    },
  };
}

runStoreContract('postgres', openFresh);
runSourcesContract('postgres', openFresh);
runDetectionContract('postgres', openFresh);
runIdentityContract('postgres', openFresh);
runAlertingContract('postgres', openFresh, async () => {
  if (!(await postgresReachable('the postgres alerting contract'))) return null;
  const schema = freshSchema();
  return { open: () => openPostgresStore({ url, schema }), dispose: () => dropSchema(schema) };
});

describe('postgres store', () => {
  const schemas: string[] = [];
  afterAll(async () => {
    for (const schema of schemas) await dropSchema(schema);
  });
  const pgIt = (title: string, fn: () => Promise<void>) =>
    it(title, async (ctx) => {
      if (!(await postgresReachable('the postgres store tests'))) ctx.skip();
      await fn();
    });

  pgIt('instances starting together on one schema migrate it once', async () => {
    const schema = freshSchema();
    schemas.push(schema);
    const stores = await Promise.all([1, 2, 3].map(() => openPostgresStore({ url, schema })));
    try {
      await Promise.all(stores.map((s) => s.migrate()));
      await stores[0]!.insertUsage([makeRecord({ id: 'm1' })]);
      expect(await stores[1]!.countUsage('acme')).toBe(1);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });

  pgIt('widens the rollup sums of a ledger made before NUMERIC sums, keeping them', async () => {
    const schema = freshSchema();
    schemas.push(schema);
    const old = await openPostgresStore({ url, schema });
    await old.migrate();
    await old.insertUsage([makeRecord({ id: 'kept', timestamp: new Date('2026-11-02T10:00:00Z') })]);
    await old.close();
    // Back to the version-5 schema: the rollup sums as BIGINT, and migration 6 not yet applied.
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const sums = ['cost_micros', 'input_tokens', 'requests', 'records'];
    await client.query(
      `ALTER TABLE ${schema}.usage_hourly ${sums.map((c) => `ALTER COLUMN ${c} TYPE BIGINT`).join(', ')}`,
    );
    await client.query(`DELETE FROM ${schema}.schema_migrations WHERE version = 6`);
    await client.end();
    const store = await openPostgresStore({ url, schema });
    try {
      await store.migrate();
      const hour = { from: new Date('2026-11-02T00:00:00Z'), to: new Date('2026-11-03T00:00:00Z') };
      expect(await store.spend({ org: 'acme', groupBy: [], ...hour })).toMatchObject([
        { costMicros: 4_500n, inputTokens: 1_000n, requests: 1n },
      ]);
    } finally {
      await store.close();
    }
  });

  pgIt('writes a batch larger than one statement whole, and counts its repeats', async () => {
    const store = (await openFresh())!;
    try {
      await store.migrate();
      const records = Array.from({ length: 12_000 }, (_, i) => makeRecord({ org: 'big', id: `b${i}` }));
      expect(await store.insertUsage(records)).toEqual({ inserted: 12_000, duplicates: 0 });
      expect(await store.insertUsage(records.slice(0, 6_000))).toEqual({ inserted: 0, duplicates: 6_000 });
      const [total] = await store.spend({ org: 'big', groupBy: [] });
      expect(total).toMatchObject({ costMicros: 12_000n * 4_500n, requests: 12_000n });
    } finally {
      await store.close();
    }
  });

  pgIt('concurrent inserts and re-pricing keep the rollup equal to the ledger', async () => {
    const store = (await openFresh())!;
    try {
      await store.migrate();
      const record = (k: number) =>
        makeRecord({
          org: 'mix',
          id: `k${k}`,
          model: `m${k % 5}`,
          user: k % 4 ? `u${k % 4}` : null,
          timestamp: new Date(Date.UTC(2026, 0, 1, k % 24)),
          costMicros: k,
        });
      const inserts = Array.from({ length: 20 }, (_, i) =>
        store.insertUsage(Array.from({ length: 200 }, (_, j) => record((i * 97 + j * 13) % 1_000))),
      );
      const reprices = Array.from({ length: 6 }, (_, i) =>
        store.updateCosts(
          'mix',
          Array.from({ length: 100 }, (_, j) => ({
            id: `k${(i * 211 + j * 7) % 1_000}`,
            costMicros: 1_000_000 + j,
            currency: 'EUR',
            costKind: 'billed' as const,
          })),
        ),
      );
      await Promise.all([...inserts, ...reprices]);
      const query = { org: 'mix', groupBy: ['model' as const, 'costKind' as const] };
      const key = (r: { currency: string; dims: Record<string, unknown> }) =>
        `${r.dims.model}|${r.dims.costKind}|${r.currency}`;
      const sorted = <T extends { currency: string; dims: Record<string, unknown> }>(rows: T[]) =>
        [...rows].sort((a, b) => key(a).localeCompare(key(b)));
      const viaRollup = await store.spend(query);
      // A bound off the hour forces the raw table.
      const viaRaw = await store.spend({ ...query, from: new Date(Date.UTC(2025, 0, 1, 0, 0, 1)) });
      expect(sorted(viaRollup)).toEqual(sorted(viaRaw));
      expect(viaRaw.reduce((s, r) => s + r.requests, 0n)).toBe(1_000n);
    } finally {
      await store.close();
    }
  });

  pgIt('refuses a schema name it would have to quote', async () => {
    await expect(openPostgresStore({ url, schema: 'Bad-Name' })).rejects.toMatchObject({
      code: 'config_invalid',
    });
  });
});
