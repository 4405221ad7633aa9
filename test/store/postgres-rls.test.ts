import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_APP_ROLE } from '../../src/store/postgres/app-role.ts';
import { openPostgresStore } from '../../src/store/postgres/store.ts';
import type { Store } from '../../src/store/types.ts';
import { dropSchema, freshSchema, postgresReachable, TEST_DATABASE_URL } from '../helpers/postgres.ts';
import { makeRecord } from '../helpers/records.ts';

const at = (iso: string) => new Date(iso);
const ORGS = ['rls-a', 'rls-b'] as const;

/** The tenant tables the brief names; every other table with an `org` column is checked too. */
const NAMED = [
  'usage',
  'usage_hourly',
  'audit_log',
  'sources',
  'anomalies',
  'budgets',
  'alerts',
  'reports',
  'tokens',
  'users',
];

/** Writes one of everything for `org`, through the store (so under the store's own org scoping). */
async function seed(store: Store, org: string, costMicros: number): Promise<void> {
  const now = at('2026-11-03T00:00:00Z');
  await store.insertUsage([
    makeRecord({ org, id: `${org}-1`, costMicros }),
    makeRecord({ org, id: `${org}-2`, costMicros, model: 'gpt-5' }),
  ]);
  await store.addAudit({ org, at: now, actor: 'test', action: 'seed', detail: {} });
  const common = { org, origin: 'api' as const, createdAt: now, updatedAt: now };
  await store.putSource({ ...common, id: 'oa', kind: 'openai', settings: {}, secret: null, keyHint: null });
  await store.putBudget({ ...common, id: 'monthly', definition: { amount: '100', period: 'month' } });
  await store.insertAlert({
    org,
    id: 'al1',
    dedupeKey: 'budget:monthly:80:2026-11-01',
    event: 'budget_threshold',
    severity: 'warning',
    scopeDimension: null,
    scopeValue: null,
    budgetId: 'monthly',
    title: 'monthly crossed 80%',
    payload: {},
    deliveries: [],
    createdAt: now,
  });
  await store.insertReport({
    org,
    id: 'daily-2026-11-02',
    kind: 'daily',
    periodStart: at('2026-11-02T00:00:00Z'),
    periodEnd: now,
    createdAt: now,
    content: {},
  });
  await store.upsertAnomalies([
    {
      org,
      id: 'an1',
      kind: 'daily',
      scopeDimension: 'model',
      scopeValue: 'gpt-5',
      periodStart: at('2026-11-02T00:00:00Z'),
      periodEnd: now,
      currency: 'USD',
      actualMicros: 10,
      expectedMicros: 1,
      lowerMicros: 0,
      upperMicros: 2,
      severity: 'high',
      sustained: false,
      drivers: [],
      description: 'spike',
      status: 'open',
      mutedUntil: null,
      statusAt: null,
      statusBy: null,
      createdAt: now,
      updatedAt: now,
      historical: false,
    },
  ]);
  await store.putToken(org, `hash-${org}`, 'admin');
  await store.insertUser({
    org,
    id: 'u1',
    email: `ana@${org}.example`,
    name: 'Ana',
    role: 'member',
    passwordHash: null,
    usageUser: null,
    failedLogins: 0,
    lockedUntil: null,
    disabled: false,
    createdAt: now,
    lastLoginAt: null,
  });
}

describe('postgres row-level security', () => {
  const schema = freshSchema();
  let store: Store | null = null;
  let tenantTables: string[] = [];

  /** A connection of its own, as the app role, with `spendlens.org` set to `org` (unset when undefined). */
  async function asApp<T>(org: string | undefined, fn: (c: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client({
      connectionString: TEST_DATABASE_URL,
      options: `-c search_path=${schema}`,
    });
    await client.connect();
    try {
      await client.query(`SET ROLE ${DEFAULT_APP_ROLE}`);
      if (org !== undefined) await client.query("SELECT set_config('spendlens.org', $1, false)", [org]);
      return await fn(client);
    } finally {
      await client.end();
    }
  }

  /** As the connecting superuser, which bypasses the policies. */
  async function asOwner<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client({
      connectionString: TEST_DATABASE_URL,
      options: `-c search_path=${schema}`,
    });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    if (!(await postgresReachable('the postgres row-level security tests'))) return;
    store = await openPostgresStore({ url: TEST_DATABASE_URL, schema });
    await store.migrate();
    for (const [i, org] of ORGS.entries()) await seed(store, org, (i + 1) * 1_000);
    tenantTables = await asOwner(async (c) => {
      const found = await c.query<{ t: string }>(
        `SELECT DISTINCT table_name AS t FROM information_schema.columns
         WHERE table_schema = $1 AND column_name = 'org' ORDER BY 1`,
        [schema],
      );
      return found.rows.map((r) => r.t);
    });
  });

  afterAll(async () => {
    if (!store) return;
    await store.close();
    await dropSchema(schema);
  });

  const pgIt = (title: string, fn: (store: Store) => Promise<void>) =>
    it(title, async (ctx) => {
      if (!store) ctx.skip();
      await fn(store!);
    });

  pgIt('every table with an org column has a forced org policy, the named ones included', async () => {
    expect(tenantTables).toEqual(expect.arrayContaining(NAMED));
    const unprotected = await asOwner(async (c) => {
      const found = await c.query<{ t: string }>(
        `SELECT c.relname AS t FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = $1 AND c.relname = ANY($2::text[]) AND NOT (c.relrowsecurity AND c.relforcerowsecurity
           AND EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid))`,
        [schema, tenantTables],
      );
      return found.rows.map((r) => r.t);
    });
    expect(unprotected).toEqual([]);
  });

  pgIt('as the app role set to one org, a query without a WHERE sees only that org', async () => {
    for (const org of ORGS) {
      const seen = await asApp(org, async (c) => {
        const out: Record<string, string[]> = {};
        for (const t of tenantTables) {
          out[t] = (await c.query<{ org: string }>(`SELECT DISTINCT org FROM ${t}`)).rows.map((r) => r.org);
        }
        return out;
      });
      for (const t of NAMED) expect(seen[t], t).toEqual([org]);
      for (const t of tenantTables)
        expect(
          seen[t]?.every((o) => o === org),
          t,
        ).toBe(true);
    }
  });

  pgIt('as the app role without the setting, every tenant table looks empty', async () => {
    const counts = await asApp(undefined, async (c) => {
      const out: Record<string, number> = {};
      for (const t of tenantTables)
        out[t] = Number((await c.query(`SELECT COUNT(*) AS n FROM ${t}`)).rows[0].n);
      return out;
    });
    expect(counts).toEqual(Object.fromEntries(tenantTables.map((t) => [t, 0])));
  });

  pgIt("refuses to write another org's row, and to move a row to another org", async () => {
    await asApp('rls-a', async (c) => {
      await expect(
        c.query("INSERT INTO audit_log VALUES ('rls-b', now(), 'mallory', 'forged', '{}'::jsonb)"),
      ).rejects.toMatchObject({ code: '42501' });
      await expect(c.query("UPDATE budgets SET org = 'rls-b' WHERE org = 'rls-a'")).rejects.toMatchObject({
        code: '42501',
      });
      // Rows of another org are not there to change or delete.
      expect((await c.query("DELETE FROM sources WHERE org = 'rls-b'")).rowCount).toBe(0);
    });
    expect(await store!.listSources('rls-b')).toHaveLength(1);
  });

  pgIt('the app role is no superuser and cannot bypass row-level security', async () => {
    const role = await asOwner(async (c) =>
      c.query('SELECT rolsuper, rolbypassrls, rolcanlogin FROM pg_roles WHERE rolname = $1', [
        DEFAULT_APP_ROLE,
      ]),
    );
    expect(role.rows).toEqual([{ rolsuper: false, rolbypassrls: false, rolcanlogin: false }]);
  });

  pgIt("the store's own connections are held by the policies", async (s) => {
    // A restrictive policy hides org A from everyone bound by policies; a store that bypassed them would still count.
    await asOwner((c) => c.query(`CREATE POLICY hide_a ON usage AS RESTRICTIVE USING (org <> 'rls-a')`));
    try {
      expect(await s.countUsage('rls-a')).toBe(0);
      expect(await s.countUsage('rls-b')).toBe(2);
    } finally {
      await asOwner((c) => c.query('DROP POLICY hide_a ON usage'));
    }
    expect(await s.countUsage('rls-a')).toBe(2);
  });

  pgIt('store methods still answer for each org, and the cross-org ones across orgs', async (s) => {
    for (const [i, org] of ORGS.entries()) {
      const [total] = await s.spend({ org, groupBy: [] });
      expect(total).toMatchObject({ costMicros: BigInt(2 * (i + 1) * 1_000), requests: 2n });
      const byModel = await s.spend({ org, groupBy: ['model'], from: at('2026-11-02T10:00:01Z') });
      expect(byModel.map((r) => r.dims.model).sort()).toEqual(['gpt-4o', 'gpt-5']);
      expect(await s.findToken(`hash-${org}`)).toEqual({ org, label: 'admin' });
    }
    expect((await s.listSources(null)).map((x) => x.org)).toEqual([...ORGS]);
    expect((await s.listBudgets(null)).map((x) => x.org)).toEqual([...ORGS]);
    expect(await s.countTokens()).toBe(2);
  });

  pgIt('a batch of several orgs is written whole, each record under its own org', async (s) => {
    const records = ORGS.map((org) => makeRecord({ org, id: 'mixed', costMicros: 1 }));
    expect(await s.insertUsage(records)).toEqual({ inserted: 2, duplicates: 0 });
    for (const org of ORGS) expect(await s.countUsage(org)).toBe(3);
  });

  pgIt('migrating again changes nothing and keeps the policies', async (s) => {
    await s.migrate();
    const rows = await asApp('rls-b', async (c) => (await c.query('SELECT DISTINCT org FROM usage')).rows);
    expect(rows).toEqual([{ org: 'rls-b' }]);
  });

  /**
   * A store connecting as a login role of its own with `attributes`, owning its schema; the app role it
   * is told to use does not exist. Everything is dropped afterwards.
   */
  async function asLoginRole(
    attributes: string,
    fn: (store: Store, direct: pg.Client, notes: string[]) => Promise<void>,
  ): Promise<void> {
    const role = `spendlens_test_${randomBytes(4).toString('hex')}`;
    const own = freshSchema();
    await asOwner(async (c) => {
      await c.query(`CREATE ROLE ${role} LOGIN ${attributes}`);
      await c.query(`CREATE SCHEMA ${own} AUTHORIZATION ${role}`);
    });
    const url = new URL(TEST_DATABASE_URL);
    url.username = role;
    url.password = '';
    const notes: string[] = [];
    const store = await openPostgresStore({
      url: url.toString(),
      schema: own,
      appRole: `${role}_app`,
      log: (m) => notes.push(m),
    });
    const direct = new pg.Client({ connectionString: url.toString(), options: `-c search_path=${own}` });
    try {
      await store.migrate();
      await direct.connect();
      await fn(store, direct, notes);
    } finally {
      await direct.end().catch(() => undefined);
      await store.close();
      await dropSchema(own);
      await asOwner(async (c) => {
        await c.query(`DROP OWNED BY ${role}`);
        await c.query(`DROP ROLE ${role}`);
      });
    }
  }

  pgIt('a connecting user without BYPASSRLS is held by the policies on its own tables', async () => {
    await asLoginRole('NOSUPERUSER NOBYPASSRLS', async (store, direct, notes) => {
      expect(notes).toEqual([expect.stringContaining('not creating role')]);
      expect(notes[0]).toContain('none needed');
      await store.insertUsage(ORGS.map((org) => makeRecord({ org, id: 'x', costMicros: 7 })));
      for (const org of ORGS) expect(await store.countUsage(org)).toBe(1);
      expect((await direct.query('SELECT * FROM usage')).rows).toEqual([]);
      await direct.query("SELECT set_config('spendlens.org', 'rls-b', false)");
      expect((await direct.query('SELECT org FROM usage')).rows).toEqual([{ org: 'rls-b' }]);
    });
  });

  pgIt(
    'says so when the connecting user bypasses the policies and has no app role to switch to',
    async () => {
      await asLoginRole('NOSUPERUSER BYPASSRLS NOCREATEROLE', async (store, _direct, notes) => {
        expect(notes.join('\n')).toContain('org isolation rests on the queries alone');
        await store.insertUsage([makeRecord({ org: 'rls-a', id: 'y' })]);
        expect(await store.countUsage('rls-a')).toBe(1);
      });
    },
  );
});
