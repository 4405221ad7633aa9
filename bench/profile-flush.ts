import { DuckDBInstance } from '@duckdb/node-api';
import { rollupUpsertSql } from '../src/store/sql/rollup.ts';
import { migrations } from '../src/store/sql/schema.ts';
import { appendStaging, STAGING_DDL } from '../src/store/duckdb/staging.ts';
import { makeRecord } from '../test/helpers/records.ts';

const inst = await DuckDBInstance.create('/tmp/prof.duckdb');
const c = await inst.connect();
await c.run("SET TimeZone='UTC'");
for (const sql of migrations({ json: 'JSON' })[0]!) await c.run(sql);
await c.run(STAGING_DDL);
for (let k = 0; k < 4; k++) {
  const recs = Array.from({ length: 50_000 }, (_, i) => makeRecord({ id: `x${k}-${i}`, user: `u${i % 12}`, model: `m${i % 8}`, timestamp: new Date(Date.UTC(2026, 9, 1) + i * 60_000), tags: { env: 'prod' } }));
  const time = async (label: string, fn: () => Promise<unknown>) => { const t = performance.now(); await fn(); console.log(label, (performance.now() - t).toFixed(0)); };
  await c.run('BEGIN');
  await time('clear', () => c.run('DELETE FROM staging'));
  await time('append', async () => { const a = await c.createAppender('staging', 'main', 'temp'); appendStaging(a, recs, () => 0, new Date()); a.closeSync(); });
  await time('antijoin', () => c.run('DELETE FROM staging s WHERE EXISTS (SELECT 1 FROM usage u WHERE u.org = s.org AND u.id = s.id)'));
  await time('count', () => c.run('SELECT batch, COUNT(*) FROM staging GROUP BY batch'));
  await time('insert', () => c.run('INSERT INTO usage SELECT * EXCLUDE (batch) FROM staging'));
  await time('rollup', () => c.run(rollupUpsertSql('staging', 1)));
  await time('commit', () => c.run('COMMIT'));
  console.log('---');
}
