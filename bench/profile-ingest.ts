import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openContext } from '../src/app/open.ts';
import { loadConfig } from '../src/config/load.ts';
import { normalizeUsage } from '../src/normalize/usage.ts';
import { priceRecord } from '../src/price/price-record.ts';

const ctx = await openContext(loadConfig({ dataDir: mkdtempSync(join(tmpdir(), 'prof-')) }, {}));
const raw = Array.from({ length: 50_000 }, (_, i) => ({
  id: `r${i}`,
  timestamp: '2026-11-02T10:00:00Z',
  provider: 'openai',
  model: 'gpt-4o',
  user: `u${i % 12}`,
  project: 'p',
  inputTokens: 1000,
  outputTokens: 100,
  tags: { env: 'prod' },
}));
let t = performance.now();
const norm = raw.map((r) => normalizeUsage(r, { org: 'default', source: 'x' }));
console.log('normalize', (performance.now() - t).toFixed(0), 'ms');
t = performance.now();
const priced = norm.map((n) => (n.ok ? priceRecord(n.record, ctx.catalog) : null)).filter((x) => x !== null);
console.log('price', (performance.now() - t).toFixed(0), 'ms');
t = performance.now();
await ctx.usage.insertUsage(priced);
console.log('insert', (performance.now() - t).toFixed(0), 'ms');
await ctx.store.close();
