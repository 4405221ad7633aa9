import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { TOKEN_FIELDS } from '../../src/domain/record.ts';
import { openDuckDbStore } from '../../src/store/duckdb/store.ts';
import { openPostgresStore } from '../../src/store/postgres/store.ts';
import { DIMENSION_COLUMNS } from '../../src/store/sql/filter.ts';
import { ROLLUP_SUMS } from '../../src/store/sql/rollup-columns.ts';
import {
  columnsOfKind,
  INGESTED_AT,
  USAGE_TABLE,
  type UsageColumnKind,
} from '../../src/store/usage/table.ts';
import { dropSchema, freshSchema, postgresReachable, TEST_DATABASE_URL } from '../helpers/postgres.ts';

/** The column types each engine reports in information_schema, per kind. */
const TYPES: Record<'duckdb' | 'postgres', Record<UsageColumnKind, string>> = {
  duckdb: {
    label: 'VARCHAR',
    id: 'VARCHAR',
    instant: 'TIMESTAMP WITH TIME ZONE',
    tags: 'JSON',
    count: 'BIGINT',
    money: 'BIGINT',
  },
  postgres: {
    label: 'text',
    id: 'text',
    instant: 'timestamp with time zone',
    tags: 'jsonb',
    count: 'bigint',
    money: 'bigint',
  },
};

/** The `usage` columns the descriptor says an engine's migrated table has, in order. */
function described(engine: 'duckdb' | 'postgres') {
  return [
    ...USAGE_TABLE.map((c) => ({
      name: c.name,
      type: TYPES[engine][c.kind],
      nullable: 'nullable' in c ? 'YES' : 'NO',
    })),
    { name: INGESTED_AT, type: TYPES[engine].instant, nullable: 'NO' },
  ];
}

const COLUMNS_SQL = `SELECT column_name AS name, data_type AS type, is_nullable AS nullable
  FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'usage' ORDER BY ordinal_position`;

describe('the usage table descriptor', () => {
  it('matches the migrated table on DuckDB', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'spendlens-usage-table-')), 'ledger.duckdb');
    const store = await openDuckDbStore(path);
    await store.migrate();
    await store.close();
    const instance = await DuckDBInstance.create(path);
    const conn = await instance.connect();
    try {
      const found = (await conn.runAndReadAll(COLUMNS_SQL, ['main'])).getRowObjects();
      expect(found).toEqual(described('duckdb'));
    } finally {
      conn.closeSync();
      instance.closeSync();
    }
  });

  it('matches the migrated table on PostgreSQL', async (ctx) => {
    if (!(await postgresReachable('the usage table descriptor test'))) ctx.skip();
    const schema = freshSchema();
    const store = await openPostgresStore({ url: TEST_DATABASE_URL, schema });
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    try {
      await store.migrate();
      await client.connect();
      expect((await client.query(COLUMNS_SQL, [schema])).rows).toEqual(described('postgres'));
    } finally {
      await client.end();
      await store.close();
      await dropSchema(schema);
    }
  });

  it('counts exactly the token fields, and gives the rollup them in the order it sums them', () => {
    expect(columnsOfKind('count').map((c) => c.field)).toEqual([...TOKEN_FIELDS]);
    const counts = columnsOfKind('count').map((c) => c.name);
    expect(ROLLUP_SUMS.slice(2, 2 + counts.length)).toEqual(counts);
  });

  it('maps each dimension to the column holding it', () => {
    expect(DIMENSION_COLUMNS).toEqual({
      provider: 'provider',
      service: 'service',
      model: 'model',
      user: 'user_id',
      team: 'team',
      project: 'project',
      apiKey: 'api_key',
      context: 'context',
      source: 'source',
      costKind: 'cost_kind',
    });
  });
});
