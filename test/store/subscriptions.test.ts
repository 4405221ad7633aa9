import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { openDuckDbStore } from '../../src/store/duckdb/store.ts';
import { openPostgresStore } from '../../src/store/postgres/store.ts';
import type { Store, StoredSubscription } from '../../src/store/types.ts';
import { dropSchema, freshSchema, postgresReachable, TEST_DATABASE_URL } from '../helpers/postgres.ts';
import { storeSuite } from './suite.ts';

const at = new Date('2026-03-01T00:00:00Z');
const sub = (over: Partial<StoredSubscription> = {}): StoredSubscription => ({
  org: 'acme',
  id: 'cursor-ana',
  origin: 'api',
  definition: { vendor: 'cursor', plan: 'Pro', amount: '20', user: 'ana@acme.test', startDate: '2026-03-01' },
  createdAt: at,
  updatedAt: at,
  ...over,
});

/** The subscriptions table (migration 10) behaves the same on every engine. */
function runSubscriptionContract(engine: string, open: () => Promise<Store | null>): void {
  storeSuite(`${engine} subscriptions`, open, (store, test) => {
    test('stores a subscription and lists it back with its definition', async () => {
      await store.putSubscription(sub());
      const [got] = await store.listSubscriptions('acme');
      expect(got).toEqual(sub());
    });

    test('a second put with the same id replaces the definition and keeps createdAt', async () => {
      const later = new Date('2026-03-05T00:00:00Z');
      await store.putSubscription(
        sub({ definition: { ...sub().definition, amount: '40' }, createdAt: later, updatedAt: later }),
      );
      const all = await store.listSubscriptions('acme');
      expect(all).toHaveLength(1);
      expect(all[0]?.definition.amount).toBe('40');
      expect(all[0]?.createdAt).toEqual(at);
      expect(all[0]?.updatedAt).toEqual(later);
    });

    test('keeps orgs apart; a null org lists every org in org, id order', async () => {
      await store.putSubscription(sub({ org: 'other', id: 'b', origin: 'config' }));
      await store.putSubscription(sub({ org: 'other', id: 'a' }));
      expect((await store.listSubscriptions('acme')).map((s) => s.id)).toEqual(['cursor-ana']);
      expect((await store.listSubscriptions(null)).map((s) => `${s.org}/${s.id}/${s.origin}`)).toEqual([
        'acme/cursor-ana/api',
        'other/a/api',
        'other/b/config',
      ]);
    });

    test('deletes one subscription, and answers false for one that is not there', async () => {
      expect(await store.deleteSubscription('acme', 'cursor-ana')).toBe(true);
      expect(await store.deleteSubscription('acme', 'cursor-ana')).toBe(false);
      expect(await store.deleteSubscription('acme', 'a')).toBe(false);
      expect(await store.listSubscriptions('acme')).toEqual([]);
      expect(await store.listSubscriptions('other')).toHaveLength(2);
    });
  });
}

const tempFile = () => join(mkdtempSync(join(tmpdir(), 'spendlens-subs-')), 'ledger.duckdb');

runSubscriptionContract('duckdb', () => openDuckDbStore(tempFile()));
runSubscriptionContract('postgres', async () => {
  if (!(await postgresReachable('the postgres subscriptions contract'))) return null;
  const schema = freshSchema();
  const store = await openPostgresStore({ url: TEST_DATABASE_URL, schema });
  return {
    ...store,
    async close() {
      await store.close();
      await dropSchema(schema);
    },
  };
});
