import { DuckDBInstance } from '@duckdb/node-api';
import { appendStaging, STAGING_DDL } from '../src/store/duckdb/staging.ts';
import { makeRecord } from '../test/helpers/records.ts';

const inst = await DuckDBInstance.create('/tmp/prof.duckdb');
const c = await inst.connect();
await c.run(STAGING_DDL);
const recs = Array.from({ length: 50_000 }, (_, i) => makeRecord({ id: `x${Math.random()}${i}`, tags: { env: 'prod' } }));
for (let k = 0; k < 3; k++) {
  await c.run('DELETE FROM staging');
  const t = performance.now();
  const a = await c.createAppender('staging', 'main', 'temp');
  appendStaging(a, recs, () => 0, new Date());
  a.closeSync();
  console.log('append', (performance.now() - t).toFixed(0));
}
const r = await c.runAndReadAll('select count(*), min(ts), any_value(tags) from staging'); console.log(r.getRowsJson());
